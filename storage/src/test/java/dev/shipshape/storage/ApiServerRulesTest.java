package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.builderProblems;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import org.junit.jupiter.api.Test;

/** Builder values that kube-apiserver 1.34 (with the snapshot CRDs) accepts or rejects, checked the same way. */
class ApiServerRulesTest {
  private static final String SNAPSHOT = "VolumeSnapshot.snapshot.storage.k8s.io shop/snap";

  @Test
  void storageClassesTakeTheProvisionersTheApiServerAccepts() {
    // The server validates a provisioner as a qualified name, lower-cased: prefixed and non-CSI names pass.
    for (String provisioner : new String[] {"kubernetes.io/no-provisioner", "rancher.io/local-path",
        "Example.COM/My_Prov", "ebs.csi.aws.com"}) {
      assertThat(builderProblems(() -> StorageClassSpec.builder().name("local").provisioner(provisioner).build()))
          .as(provisioner).isEmpty();
    }
    assertThat(builderProblems(() -> StorageClassSpec.builder().name("local").provisioner("ex ample").build()))
        .containsExactly("ERROR StorageClass.storage.k8s.io local provisioner: 'ex ample' is not a provisioner"
            + " name (an optional DNS-1123 subdomain and '/', then at most 63 alphanumerics, '-', '_' or '.',"
            + " alphanumerics at both ends) — use the CSI driver's name as its CSIDriver object shows it, such as"
            + " 'cinder.csi.openstack.org', or a provisioner such as 'kubernetes.io/no-provisioner'");
  }

  @Test
  void aTopologyValueListedTwiceIsAnError() {
    assertThat(builderProblems(() -> StorageClassSpec.builder().name("zonal").provisioner("ebs.csi.aws.com")
        .allowedTopology("topology.kubernetes.io/zone", "eu-west-1a", "eu-west-1b", "eu-west-1a").build()))
        .containsExactly("ERROR StorageClass.storage.k8s.io zonal allowedTopologies[0].matchLabelExpressions["
            + "topology.kubernetes.io/zone].values: lists 'eu-west-1a' more than once for"
            + " 'topology.kubernetes.io/zone', which the API server rejects as a duplicate value — list each value"
            + " once");
  }

  @Test
  void anEmptySnapshotClassNameIsAnErrorNotTheDefaultClass() {
    assertThat(builderProblems(() -> snapshot().snapshotClass("").build())).containsExactly("ERROR " + SNAPSHOT
        + " spec.volumeSnapshotClassName: is empty, which the API server rejects (an empty class name does not"
        + " select the default class) — leave snapshotClass unset to use the default VolumeSnapshotClass of the"
        + " claim's driver, or name a class such as 'csi-cinder-snapclass'");
  }

  @Test
  void aSnapshotClassNameNoClassCanHaveIsAnError() {
    assertThat(builderProblems(() -> snapshot().snapshotClass("Gold_Snaps").build())).containsExactly("ERROR "
        + SNAPSHOT + " spec.volumeSnapshotClassName: 'Gold_Snaps' is not a DNS-1123 subdomain (lower-case letters,"
        + " digits, '-' and '.', starting and ending with a letter or digit), so no VolumeSnapshotClass can have"
        + " this name — name an existing VolumeSnapshotClass such as 'csi-cinder-snapclass'");
    assertThat(problems(shop().component(ordersDb().build(), snapshot().snapshotClass("gold-snaps").build())
        .preExistingResource(ResourceRef.clusterScoped(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass",
            "gold-snaps")).build())).isEmpty();
  }

  private static VolumeSnapshotSpec.Builder snapshot() {
    return VolumeSnapshotSpec.builder().name("snap").namespace("shop").claim("orders-db");
  }
}
