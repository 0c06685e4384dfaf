package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.cli.cluster.ClusterTarget;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PendingConnectionTest {

  @Test
  void joiningGivesTheTargetConnectedInTheBackground() {
    KubernetesClient client = client();
    AtomicReference<String> thread = new AtomicReference<>();
    PendingConnection connection = PendingConnection.started(() -> {
      thread.set(Thread.currentThread().getName());
      return ClusterTarget.of(client, "test");
    });

    try (ClusterTarget target = connection.join()) {
      assertThat(target.client()).isSameAs(client);
    }
    assertThat(thread.get()).isEqualTo("shipshape-connect");
    assertThat(client.getHttpClient().isClosed()).isTrue();
  }

  @Test
  void joiningThrowsWhatConnectingThrewAsItWasThrown() {
    CliException refused = new CliException(ExitCode.CLUSTER, "cannot reach the cluster");
    PendingConnection connection = PendingConnection.started(() -> {
      throw refused;
    });

    assertThatThrownBy(connection::join).isSameAs(refused);
  }

  @Test
  void aFailedPlanningClosesTheTargetOnceConnectedAndIsRethrownAlone() throws InterruptedException {
    KubernetesClient client = client();
    CountDownLatch planningFailed = new CountDownLatch(1);
    PendingConnection connection = PendingConnection.started(() -> {
      try {
        // Connected only after the planning failed: the target must still be closed.
        assertThat(planningFailed.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ClusterTarget.of(client, "test");
    });
    IllegalStateException invalid = new IllegalStateException("invalid spec");

    assertThatThrownBy(() -> connection.during(() -> {
      throw invalid;
    })).isSameAs(invalid);
    planningFailed.countDown();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!client.getHttpClient().isClosed() && System.nanoTime() < deadline) Thread.onSpinWait();
    assertThat(client.getHttpClient().isClosed()).isTrue();
  }

  @Test
  void aDeferredConnectionConnectsOnTheJoiningThread() {
    KubernetesClient client = client();
    AtomicReference<Thread> thread = new AtomicReference<>();
    PendingConnection connection = PendingConnection.deferred(() -> {
      thread.set(Thread.currentThread());
      return ClusterTarget.of(client, "test");
    });
    assertThat(thread.get()).isNull();

    try (ClusterTarget target = connection.join()) {
      assertThat(thread.get()).isSameAs(Thread.currentThread());
    }
  }

  private static KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1")
        .withAutoConfigure(false).build()).build();
  }
}
