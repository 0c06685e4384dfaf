package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.TestManifests;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Component names are unique per object: its kind, namespace and name. */
class ComponentNamesTest {

  private static VolumeClaimSpec data(String namespace) {
    return VolumeClaimSpec.builder().namespace(namespace).name("data").size("1Gi")
        .storageClass("csi-cinder-high-speed").build();
  }

  private static VolumeSnapshotSpec snapshotOfData(String namespace) {
    return VolumeSnapshotSpec.builder().name("data").claim(data(namespace)).snapshotClass("csi-cinder-snapclass")
        .build();
  }

  /** Namespaces shop and blog, the classes, and more components. */
  private static ClusterSpec.Builder shopAndBlog() {
    return StorageFixtures.shop().resource(TestManifests.namespace("blog"))
        .component(StorageFixtures.cinderSnapshots().build());
  }

  @Test
  void claimsAndSnapshotsOfTheSameNameInTwoNamespacesAreComponentsOfOneSpec() {
    Plan plan = shopAndBlog().component(data("shop"), data("blog"), snapshotOfData("shop"), snapshotOfData("blog"))
        .build().plan();

    Map<String, String> components = plan.resources().stream()
        .collect(Collectors.toMap(r -> r.ref().toString(), PlannedResource::component));
    assertThat(components).containsEntry("PersistentVolumeClaim shop/data", "claim shop/data")
        .containsEntry("PersistentVolumeClaim blog/data", "claim blog/data")
        .containsEntry("VolumeSnapshot.snapshot.storage.k8s.io shop/data", "snapshot shop/data")
        .containsEntry("VolumeSnapshot.snapshot.storage.k8s.io blog/data", "snapshot blog/data")
        .containsEntry("StorageClass.storage.k8s.io csi-cinder-high-speed", "csi-cinder-high-speed");
    assertThat(data("shop").name()).isEqualTo("claim shop/data");
    assertThat(data("shop").claimName()).isEqualTo("data");
    assertThat(snapshotOfData("shop").snapshotName()).isEqualTo("data");
  }

  @Test
  void twoComponentsOfTheSameObjectStillCollide() {
    VolumeClaimSpec larger = VolumeClaimSpec.builder().namespace("shop").name("data").size("2Gi")
        .storageClass("csi-cinder-high-speed").build();

    assertThat(problems(shopAndBlog().component(data("shop"), larger).build()))
        .contains("ERROR [claim shop/data]: two components are named 'claim shop/data' — give each component of the"
            + " spec its own name");
    assertThat(problems(shopAndBlog().component(data("shop"), snapshotOfData("shop"), snapshotOfData("shop"))
        .build()))
        .contains("ERROR [snapshot shop/data]: two components are named 'snapshot shop/data' — give each component"
            + " of the spec its own name");
  }
}
