package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The claims a StatefulSet's controller creates from its claim templates, on a real API server and
 * controller-manager, are exactly the sources the planner accepts: named {@code <template>-<statefulset>-<ordinal>},
 * one per pod, from {@code spec.ordinals.start}.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class StatefulSetClaimsOnRealServerTest {
  private static final String NS = "storage-stateful";
  private static final int WAIT_SECONDS = 60;

  @Test
  void theClaimsTheControllerCreatesAreTheSourcesThePlannerAccepts(KubernetesClient client) {
    TestNamespaces.create(client, NS);
    // Parallel: the controller creates every pod, and its claims, without waiting for the previous pod to be Ready.
    StatefulSet set = StatefulSetClaimSourcesTest.db(2, 3);
    set.getMetadata().setNamespace(NS);
    set.getSpec().setPodManagementPolicy("Parallel");
    client.resource(set).create();
    for (String claim : List.of("data-db-3", "data-db-4")) {
      client.persistentVolumeClaims().inNamespace(NS).withName(claim).waitUntilCondition(Objects::nonNull,
          WAIT_SECONDS, TimeUnit.SECONDS);
    }
    Set<String> created = client.persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
        .map(claim -> claim.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(created).containsExactly("data-db-3", "data-db-4");

    StatefulSet inShop = StatefulSetClaimSourcesTest.db(2, 3);
    List<String> candidates = Stream.concat(IntStream.rangeClosed(0, 6).mapToObj(i -> "data-db-" + i),
        Stream.of("data-db-03", "dta-db-3")).collect(Collectors.toList());
    Set<String> accepted = candidates.stream().filter(name -> problems(shop().resource(inShop)
        .component(VolumeClaimSpec.builder().namespace("shop").name("copy").size("20Gi")
            .storageClass("csi-cinder-high-speed").cloneFromClaim(name).build()).build()).stream()
        .noneMatch(p -> p.startsWith("ERROR"))).collect(Collectors.toCollection(TreeSet::new));
    assertThat(accepted).isEqualTo(created);
  }
}
