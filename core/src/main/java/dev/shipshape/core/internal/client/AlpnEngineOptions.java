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
 * <p>The cipher suites offered are the JDK's defaults for the context (where Netty would offer its own shorter list,
 * without ChaCha20-Poly1305), those of ChaCha20-Poly1305 with an ephemeral elliptic-curve or TLS 1.3 key exchange
 * first. Go's TLS server, which the API server's is, takes ChaCha20-Poly1305 when the client lists it first (a server
 * that keeps to its own order, as the JDK's does, still chooses), and the JDK 17 encrypts it faster than AES-GCM in a
 * short-lived process: with its C1 compiler alone (as the command line runs) AES and GHASH run as plain Java
 * (measured, 16 KB records: AES-GCM 23–45 MB/s, ChaCha20-Poly1305 122–166 MB/s; with C2 over the first 60 MB, 35–211
 * against 77–349 MB/s). An apply reads megabytes of OpenAPI documents and lists over the connection. Clients
 * without HTTP/2 (a configuration that disables it, or the fallback to HTTP/1.1) keep fabric8's TLS set-up.
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

  /**
   * {@code suites} in their order, but those of ChaCha20-Poly1305 with a TLS 1.3 or ephemeral elliptic-curve key
   * exchange first (a finite-field Diffie-Hellman one keeps its place, behind the elliptic-curve AES-GCM suites).
   */
  static List<String> cipherSuites(String... suites) {
    return Arrays.stream(suites).sorted(Comparator.comparing(suite -> !preferred(suite)))
        .collect(Collectors.toList());
  }

  private static boolean preferred(String suite) {
    return suite.equals("TLS_CHACHA20_POLY1305_SHA256")
        || (suite.startsWith("TLS_ECDHE_") && suite.endsWith("_WITH_CHACHA20_POLY1305_SHA256"));
  }
}
