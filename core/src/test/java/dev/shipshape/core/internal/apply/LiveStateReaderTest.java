package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Reading the live state of a plan on fabric8's mock server (CRUD mode): what exists, and what is told absent. */
@EnableKubernetesMockClient(crud = true)
class LiveStateReaderTest {
  KubernetesClient client;

  private static ConfigMapBuilder configMap(String namespace, String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .addToData("k", "v");
  }

  private static String name(ResourceRef ref) {
    return ref.namespace().orElse("") + "/" + ref.name();
  }

  @Test
  void eachPlannedObjectIsEitherReadOrToldAbsentOnce() {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop");
    for (String namespace : List.of("a", "b", "c", "d")) {
      spec.preExistingNamespace(namespace).resource(configMap(namespace, "one").build())
          .resource(configMap(namespace, "two").build());
    }
    Plan plan = spec.build().plan();
    client.configMaps().inNamespace("b").resource(configMap("b", "two").build()).create();
    client.configMaps().inNamespace("d").resource(configMap("d", "one").build()).create();
    Queue<String> absent = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Map<ResourceRef, GenericKubernetesResource> live;
    try {
      live = new LiveStateReader(new ResourceAccess(client, plan), pool).read(plan.resources(),
          r -> absent.add(name(r.ref())));
    } finally {
      pool.shutdownNow();
    }

    assertThat(live.keySet().stream().map(LiveStateReaderTest::name)).containsExactlyInAnyOrder("b/two", "d/one");
    assertThat(absent).containsExactlyInAnyOrder("a/one", "a/two", "b/one", "c/one", "c/two", "d/two");
  }
}
