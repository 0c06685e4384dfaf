package dev.shipshape.security.etcd;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

/**
 * The network-level probes of an endpoint: whether a TCP connection is accepted, and whether a TLS server asks the
 * client for a certificate during the handshake (the client has none to give, so it never authenticates).
 */
final class Handshake {
  /** The outcome of a TCP connection attempt. */
  enum Connect { ACCEPTED, REFUSED, NO_ANSWER }

  private Handshake() {}

  /** Tries a TCP connection within {@code timeout}. */
  static Connect connect(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return Connect.ACCEPTED;
    } catch (ConnectException e) {
      return Connect.REFUSED;
    } catch (IOException e) {
      return Connect.NO_ANSWER;
    }
  }

  /**
   * Runs a TLS handshake, trusting any server certificate and presenting none, and tells whether the server requested
   * a client certificate; false also when no handshake could be made.
   */
  static boolean requestsClientCertificate(String host, int port, Duration timeout) {
    AtomicBoolean requested = new AtomicBoolean();
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      raw.setSoTimeout((int) timeout.toMillis());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new Recording(requested)}, TrustAll.trustManagers(), null);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
        tls.startHandshake();
        // TLS 1.3 servers reject the missing certificate only after the client's Finished: read to let them.
        tls.getInputStream().read();
      }
    } catch (IOException | GeneralSecurityException e) {
      // A refused certificate, a closed connection or a timeout end the probe; what was asked before still counts.
    }
    return requested.get();
  }

  /** A key manager with no keys that notes that the server asked for one. */
  private static final class Recording implements X509KeyManager {
    private final AtomicBoolean requested;

    Recording(AtomicBoolean requested) {
      this.requested = requested;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      requested.set(true);
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return null;
    }
  }
}
