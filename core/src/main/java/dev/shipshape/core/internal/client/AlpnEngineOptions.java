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
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * TLS with the {@link SSLContext} fabric8 built from the kubeconfig (client certificate, trusted CA), offering
 * the application protocols Vert.x asks for where it asks for ALPN: HTTP/2 and HTTP/1.1 for requests, none for
 * WebSocket connections, which must stay HTTP/1.1.
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
        return new JdkSslContext(context, true, null, IdentityCipherSuiteFilter.INSTANCE, negotiation,
            ClientAuth.NONE, null, false);
      }
    };
  }
}
