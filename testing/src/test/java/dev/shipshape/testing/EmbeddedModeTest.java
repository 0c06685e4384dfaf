package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.RepeatedTest;

/** The default mode: a fresh embedded API server per test, so nothing one test writes is seen by another. */
@ShipshapeCluster
class EmbeddedModeTest {
  @RepeatedTest(2)
  void eachTestGetsAFreshEmbeddedServer(KubernetesClient client) {
    assertThat(client.getMasterUrl().toString()).startsWith("http://127.0.0.1:");
    assertThat(client.namespaces().withName("written-by-a-test").get()).isNull();

    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("written-by-a-test")
        .endMetadata().build()).create();

    assertThat(client.namespaces().withName("written-by-a-test").get()).isNotNull();
  }
}
