package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class WriteCounterTest {
  @Test
  void countsStoredWritesOnlyNotReadsDryRunsOrReviews(KubernetesClient admin) {
    WriteCounter counter = WriteCounter.create();
    try (KubernetesClient client = counter.countingClient(admin)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("counted").endMetadata()
          .build()).create();
      var configMap = client.configMaps().inNamespace("counted").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("settings").endMetadata().addToData("a", "1").build());
      configMap.dryRun().create();
      client.configMaps().inNamespace("counted").list();
      client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
          .withNewSpec().withNewResourceAttributes().withVerb("create").withResource("configmaps")
          .withNamespace("counted").endResourceAttributes().endSpec().build());
      assertThat(counter.writes()).containsExactly("POST /api/v1/namespaces");

      configMap.create();
      configMap.delete();
    }

    assertThat(counter.count()).isEqualTo(3);
    assertThat(counter.writes()).containsExactly("POST /api/v1/namespaces", "POST /api/v1/namespaces/counted/configmaps",
        "DELETE /api/v1/namespaces/counted/configmaps/settings");
    counter.reset();
    assertThat(counter.count()).isZero();
  }
}
