package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class TestNamespacesTest {
  @Test
  void createsEachNamespaceAndCreatingThemAgainKeepsThem(KubernetesClient client) {
    TestNamespaces.create(client, "fixture-a", "fixture-b");
    Namespace first = client.namespaces().withName("fixture-a").get();

    // Unlike a plain create, which the server refuses for an existing name (409 AlreadyExists).
    TestNamespaces.create(client, "fixture-a", "fixture-b");

    assertThat(client.namespaces().withName("fixture-b").get()).isNotNull();
    Namespace again = client.namespaces().withName("fixture-a").get();
    assertThat(again.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
    assertThat(again.getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void anInvalidNameIsRefusedByTheServer(KubernetesClient client) {
    assertThatThrownBy(() -> TestNamespaces.create(client, "Not_A_Label"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("Not_A_Label");
  }

  @Test
  void theWaitNamesANamespaceThatStaysTerminatingAndReturnsOnceItIsGone(KubernetesClient client) {
    try (TerminatingNamespace held = TerminatingNamespace.hold(client, "fixture-held")) {
      assertThatThrownBy(() -> TestNamespaces.awaitNoneTerminating(client, Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("namespaces still terminating after 300 ms: ")
          .hasMessageContaining("fixture-held");
    }

    TestNamespaces.awaitNoneTerminating(client, Duration.ofSeconds(90));

    assertThat(client.namespaces().withName("fixture-held").get()).isNull();
  }
}
