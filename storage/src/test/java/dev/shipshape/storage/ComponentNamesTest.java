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

/** Component names are unique per object: its kind, namespace (for claims and snapshots) and name. */
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
        .containsEntry("StorageClass.storage.k8s.io csi-cinder-high-speed", "storage-class csi-cinder-high-speed")
        .containsEntry("VolumeSnapshotClass.snapshot.storage.k8s.io csi-cinder-snapclass",
            "snapshot-class csi-cinder-snapclass");
    assertThat(data("shop").name()).isEqualTo("claim shop/data");
    assertThat(data("shop").claimName()).isEqualTo("data");
    assertThat(snapshotOfData("shop").snapshotName()).isEqualTo("data");
  }

  @Test
  void aStorageClassAndASnapshotClassOfOneNameAreComponentsOfOneSpec() {
    // Immediate binding on Cinder: a warning that shows the StorageClass's component name.
    StorageClassSpec fast = StorageClassSpec.builder().name("fast").provisioner(StorageFixtures.CINDER).build();
    VolumeSnapshotClassSpec fastSnapshots = VolumeSnapshotClassSpec.builder().name("fast")
        .driver(StorageFixtures.CINDER).build();
    ClusterSpec spec = StorageFixtures.bare().component(fast, fastSnapshots).build();

    assertThat(problems(spec)).containsExactly("WARNING [storage-class fast] StorageClass.storage.k8s.io fast"
        + " volumeBindingMode: is Immediate for the topology-aware driver cinder.csi.openstack.org: volumes are"
        + " provisioned before the pod is scheduled, possibly in a zone where the pod cannot run — use"
        + " volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER)");
    Map<String, String> components = spec.plan().resources().stream()
        .collect(Collectors.toMap(r -> r.ref().toString(), PlannedResource::component));
    assertThat(components).containsEntry("StorageClass.storage.k8s.io fast", "storage-class fast")
        .containsEntry("VolumeSnapshotClass.snapshot.storage.k8s.io fast", "snapshot-class fast");
    assertThat(fast.className()).isEqualTo("fast");
    assertThat(fastSnapshots.className()).isEqualTo("fast");
  }

  @Test
  void aStorageClassNamedResourcesIsNotTakenForTheRawManifests() {
    // Raw manifests are component "resources"; the default-class conflict is reported by a component's class.
    assertThat(problems(StorageFixtures.bare().component(StorageFixtures.highSpeed().name("resources")
        .defaultClass(true).build()).resource(TestManifests.object("apiVersion: storage.k8s.io/v1\n"
            + "kind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n"
            + "    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: ebs.csi.aws.com\n"))
        .build())).anySatisfy(p -> assertThat(p).startsWith("ERROR [storage-class resources]"
            + " StorageClass.storage.k8s.io resources metadata.annotations[storageclass.kubernetes.io/"
            + "is-default-class]: is one of 2 default StorageClasses"));
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
    assertThat(problems(shopAndBlog().component(StorageFixtures.highSpeed().build()).build()))
        .contains("ERROR [storage-class csi-cinder-high-speed]: two components are named 'storage-class"
            + " csi-cinder-high-speed' — give each component of the spec its own name");
  }
}
