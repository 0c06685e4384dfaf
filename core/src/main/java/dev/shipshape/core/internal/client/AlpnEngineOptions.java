package dev.shipshape.core.internal.client;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * TLS with the {@link SSLContext} fabric8 built from the kubeconfig (client certificate, trusted CA), offering
 * the application protocols Vert.x asks for where it asks for ALPN: HTTP/2 and HTTP/1.1 for requests, none for
 * WebSocket connections, which must stay HTTP/1.1.
 *
 * <p>The cipher suites are the JDK's defaults for the context, ChaCha20-Poly1305 first. Go's TLS server, which the
 * API server's is, takes ChaCha20-Poly1305 when the client lists it first (a server that keeps to its own order, as
 * the JDK's does, still chooses); and the JDK 17 encrypts it several times faster than AES-GCM in a short-lived
 * process: without its C2 compiler (the command line runs with C1 alone) AES and GHASH run as plain Java, and with
 * it, during the first seconds (measured: about 40 against 140 MB/s with C1 alone, 60–210 against 330 MB/s with C2
 * over its first 60 MB). An apply reads megabytes of OpenAPI documents and lists over the connection.
 */
final class AlpnEngineOptions extends JdkSSLEngineOptions {
  private final SSLContext context;

  AlpnEngineOptions(SSLContext context) {
    this.context = context;
  }

  @Override
  public JdkSSLEngineOptions copy() {
    return new AlpnEngineOptions(context);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new SslContextFactory() {
      private boolean alpn;
      private List<String> protocols = List.of();

      @Override
      public SslContextFactory useAlpn(boolean useAlpn) {
        alpn = useAlpn;
        return this;
      }

      @Override
      public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
        protocols = List.copyOf(applicationProtocols);
        return this;
      }

      @Override
      public SslContext create() {
        ApplicationProtocolConfig negotiation = alpn && !protocols.isEmpty()
            ? new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
                SelectedListenerFailureBehavior.ACCEPT, protocols)
            : ApplicationProtocolConfig.DISABLED;
        return new JdkSslContext(context, true, cipherSuites(context.getDefaultSSLParameters().getCipherSuites()),
            IdentityCipherSuiteFilter.INSTANCE, negotiation, ClientAuth.NONE, null, false);
      }
    };
  }

  /** {@code suites} in their order, but the ChaCha20-Poly1305 ones first. */
  static List<String> cipherSuites(String... suites) {
    return Arrays.stream(suites).sorted(Comparator.comparing(suite -> !suite.contains("CHACHA20_POLY1305")))
        .collect(Collectors.toList());
  }
}
