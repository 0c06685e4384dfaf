package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoints that are not etcd, or cannot be reached: the check must never call them protected. */
class EtcdUnreachableTest {

  @Test
  void aClosedPortIsClosedNotProtected() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", port).timeout(Duration.ofSeconds(1)).check();
    assertThat(exposure.state()).isEqualTo(EtcdEndpointState.CLOSED);
    assertThat(exposure.toText()).contains("not verified: connection refused").doesNotContain("requires");
    assertThat(exposure.toReport().findings()).extracting(f -> f.ruleId()).containsExactly("etcd-not-verified");
  }

  @Test
  void aConnectionNobodyAnswersIsFiltered() throws Exception {
    // Linux drops the handshakes of a listener whose accept queue is full, as a firewall that drops packets does.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          queued.add(s);
          try {
            s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 200);
          } catch (IOException timedOut) {
            break;
          }
        }
        EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", full.getLocalPort())
            .timeout(Duration.ofMillis(500)).check();
        assertThat(exposure.state()).isEqualTo(EtcdEndpointState.FILTERED);
        assertThat(exposure.severity()).isEmpty();
        assertThat(exposure.toText()).contains("not verified: no answer");
      } finally {
        for (Socket s : queued) s.close();
      }
    }
  }

  @Test
  void aListenerThatNeverSpeaksIsUnrecognised() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      EtcdExposure exposure = EtcdExposureCheck.of("127.0.0.1", silent.getLocalPort())
          .timeout(Duration.ofMillis(500)).check();
      assertThat(exposure.state()).isEqualTo(EtcdEndpointState.UNRECOGNISED);
      assertThat(exposure.toText()).doesNotContain("requires a client certificate");
    }
  }
}
