package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.CINDER;
import static dev.shipshape.storage.StorageFixtures.builderProblems;
import static dev.shipshape.storage.StorageFixtures.cinderSnapshots;
import static dev.shipshape.storage.StorageFixtures.highSpeed;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static dev.shipshape.storage.StorageFixtures.problems;
import static dev.shipshape.storage.StorageFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageValidationTest {
  private static final String CLASS = "StorageClass.storage.k8s.io csi-cinder-high-speed";
  private static final String CLAIM = "PersistentVolumeClaim shop/orders-db";
  private static final String SNAPSHOT = "VolumeSnapshot.snapshot.storage.k8s.io shop/snap";

  @Test
  void aValidSpecHasNoProblems() {
    assertThat(problems(shop().component(ordersDb().build(), cinderSnapshots().defaultClass(true).build(),
        VolumeSnapshotSpec.builder().name("snap").claim(ordersDb().build()).build()).build())).isEmpty();
  }

  @Test
  void storageClassValuesAreCheckedByTheBuilder() {
    assertThat(builderProblems(() -> StorageClassSpec.builder().name("Fast_SSD").provisioner("-cinder")
        .allowedTopology("bad key!", "nova").addSupportedAccessModes(VolumeAccessMode.READ_WRITE_ONCE_POD)
        .build())).containsExactly(
        "ERROR StorageClass.storage.k8s.io Fast_SSD metadata.name: 'Fast_SSD' is not a DNS-1123 subdomain"
            + " (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit) — use a"
            + " DNS-1123 subdomain such as 'csi-cinder-high-speed'",
        "ERROR StorageClass.storage.k8s.io Fast_SSD provisioner: '-cinder' is not a provisioner name (an optional"
            + " DNS-1123 subdomain and '/', then at most 63 alphanumerics, '-', '_' or '.', alphanumerics at both"
            + " ends) — use the CSI driver's name as its CSIDriver object shows it, such as"
            + " 'cinder.csi.openstack.org', or a provisioner such as 'kubernetes.io/no-provisioner'",
        "ERROR StorageClass.storage.k8s.io Fast_SSD allowedTopologies[0].matchLabelExpressions[bad key!].key:"
            + " 'bad key!': key name 'bad key!' must consist of alphanumerics, '-', '_' or '.', starting and"
            + " ending with an alphanumeric — use a topology label key such as"
            + " 'topology.kubernetes.io/zone'",
        "ERROR StorageClass.storage.k8s.io Fast_SSD supportedAccessModes: lists ReadWriteOncePod without"
            + " ReadWriteOnce; a driver that serves one pod serves one node — add VolumeAccessMode.READ_WRITE_ONCE");
  }

  @Test
  void atMostOneDefaultClass() {
    assertThat(problems(StorageFixtures.bare().component(highSpeed().defaultClass(true).build(),
        highSpeed().name("classic").defaultClass(true).build()).build()))
        .contains("ERROR [storage-class csi-cinder-high-speed] " + CLASS + " metadata.annotations["
            + "storageclass.kubernetes.io/is-default-class]: is one of 2 default StorageClasses"
            + " (csi-cinder-high-speed, classic); with several defaults Kubernetes gives new claims without a class"
            + " the newest one — mark exactly one class as default");
  }

  @Test
  void aDefaultClassFromRawYamlCountsToo() {
    assertThat(problems(StorageFixtures.bare().component(highSpeed().defaultClass(true).build())
        .resource(TestManifests.object(
            "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n"
                + "    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: ebs.csi.aws.com\n"))
        .build())).anySatisfy(p -> assertThat(p).contains("is one of 2 default StorageClasses"));
  }

  @Test
  void immediateBindingOnTopologyAwareDriverIsAWarning() {
    assertThat(problems(shop().component(highSpeed().name("immediate")
        .volumeBindingMode(VolumeBindingMode.IMMEDIATE).build()).build()))
        .contains("WARNING [storage-class immediate] StorageClass.storage.k8s.io immediate volumeBindingMode: is"
            + " Immediate for the topology-aware driver cinder.csi.openstack.org: volumes are provisioned before the"
            + " pod is scheduled, possibly in a zone where the pod cannot run — use"
            + " volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER)");
    assertThat(problems(shop().component(StorageClassSpec.builder().name("nfs").provisioner("nfs.csi.k8s.io")
        .build()).build())).isEmpty();
  }

  @Test
  void readWriteManyOnABlockDriverIsAnError() {
    assertThat(problems(shop().component(ordersDb().addAccessModes(VolumeAccessMode.READ_WRITE_MANY).build())
        .build())).containsExactly("ERROR [storage-class csi-cinder-high-speed] " + CLAIM + " spec.accessModes[0]:"
        + " claim shop/orders-db asks for ReadWriteMany from StorageClass csi-cinder-high-speed, whose driver"
        + " cinder.csi.openstack.org supports only ReadWriteOnce, ReadWriteOncePod; the claim would stay Pending"
        + " — use ReadWriteOnce, ReadWriteOncePod, or a StorageClass of a driver that supports ReadWriteMany");
  }

  @Test
  void readWriteManyInAStatefulSetTemplateIsAnErrorToo() {
    var set = new StatefulSetBuilder().withNewMetadata().withName("search").withNamespace("shop").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "search").endSelector().withNewTemplate()
        .withNewMetadata().addToLabels("app", "search").endMetadata().withNewSpec().addNewContainer()
        .withName("search").withImage("example/search:1").endContainer().endSpec().endTemplate()
        .withVolumeClaimTemplates(ordersDb().name("index").addAccessModes(VolumeAccessMode.READ_WRITE_MANY)
            .build().template())
        .endSpec().build();
    assertThat(problems(shop().resource(set).build())).anySatisfy(p -> assertThat(p).startsWith(
        "ERROR [storage-class csi-cinder-high-speed] StatefulSet.apps shop/search spec.volumeClaimTemplates[0].spec"
            + ".accessModes[0]: claim template index of StatefulSet shop/search asks for ReadWriteMany"));
  }

  @Test
  void claimValuesAreCheckedByTheBuilder() {
    assertThat(builderProblems(() -> ordersDb().size("20GB").addAccessModes(VolumeAccessMode.READ_WRITE_ONCE_POD,
        VolumeAccessMode.READ_WRITE_ONCE).build())).containsExactly(
        "ERROR " + CLAIM + " spec.resources.requests.storage: '20GB' is not a Kubernetes quantity — write a"
            + " quantity such as '20Gi' (binary suffixes Ki, Mi, Gi, Ti) or '500M'",
        "ERROR " + CLAIM + " spec.accessModes: combines ReadWriteOncePod with other modes, which the API server"
            + " rejects — ask for ReadWriteOncePod alone");
    assertThat(builderProblems(() -> ordersDb().size("0").build())).containsExactly("ERROR " + CLAIM
        + " spec.resources.requests.storage: '0' is not greater than zero, as the API server requires — ask for a"
        + " size such as '20Gi'");
    assertThat(builderProblems(() -> ordersDb().size("-1Gi").build()))
        .anySatisfy(p -> assertThat(p).contains("'-1Gi' is not greater than zero"));
    // Quantities the API server accepts for a claim (checked with a server-side dry run).
    for (String size : List.of("1e9", "1E3", "+1Gi", ".5Gi", "1.Gi", "500m", "1u", "1n", "20Gi", "1.5T")) {
      assertThat(ordersDb().size(size).build().size()).isEqualTo(size);
    }
    assertThat(problems(shop().component(ordersDb().size("500m").build()).build())).contains(
        "WARNING [claim shop/orders-db] " + CLAIM + " spec.resources.requests.storage: '500m' is a fractional"
            + " number of bytes, which the API server warns about — ask for whole bytes, such as '1Gi'");
    assertThat(problems(shop().component(ordersDb().size(".5Gi").build()).build()))
        .noneMatch(p -> p.contains("fractional"));
  }

  @Test
  void claimOfAMissingClassIsAnError() {
    assertThat(problems(shop().component(ordersDb().storageClass("gold").build()).build()))
        .contains("ERROR [claim shop/orders-db] " + CLAIM + " spec.storageClassName: names"
            + " StorageClass.storage.k8s.io gold, which is neither in the spec nor declared pre-existing; the claim"
            + " would stay Pending — add a StorageClassSpec, fix the name, or declare the class with"
            + " preExistingResource(...)");
    assertThat(problems(shop().component(ordersDb().storageClass("gold").build())
        .preExistingResource(ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", "gold")).build()))
        .isEmpty();
  }

  @Test
  void claimWithoutClassWantsADefaultClass() {
    VolumeClaimSpec claim = VolumeClaimSpec.builder().namespace("shop").name("orders-db").size("1Gi").build();
    assertThat(problems(shop().component(claim).build())).containsExactly("WARNING [claim shop/orders-db] "
        + CLAIM + " spec.storageClassName: names no StorageClass and the spec declares no default class; the claim"
        + " stays Pending unless the cluster has a default class — name a class with storageClass(...), or mark one"
        + " StorageClassSpec defaultClass(true)");
    assertThat(problems(StorageFixtures.bare()
        .component(highSpeed().defaultClass(true).build(), claim).build())).isEmpty();
  }

  @Test
  void snapshotOfAMissingClaimIsAnError() {
    assertThat(problems(shop().component(snapshot().claim("nothing").build()).build()))
        .contains("ERROR [snapshot shop/snap] " + SNAPSHOT + " spec.source.persistentVolumeClaimName: names claim"
            + " shop/nothing, which is neither in the spec nor declared pre-existing; the snapshot would never be"
            + " taken — fix the name, add the claim, or declare it with preExistingResource(...)");
    assertThat(problems(shop().component(snapshot().claim("nothing").snapshotClass("pre").build())
        .preExistingResource(ResourceRef.core("PersistentVolumeClaim", "shop", "nothing"),
            ResourceRef.clusterScoped(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass", "pre"))
        .build())).isEmpty();
  }

  @Test
  void snapshotOfAMissingClassIsAnError() {
    assertThat(problems(shop().component(ordersDb().build(), snapshot().snapshotClass("gold").build()).build()))
        .containsExactly("ERROR [snapshot shop/snap] " + SNAPSHOT + " spec.volumeSnapshotClassName: names"
            + " VolumeSnapshotClass.snapshot.storage.k8s.io gold, which is neither in the spec nor declared"
            + " pre-existing — add a VolumeSnapshotClassSpec, fix the name, or declare it with"
            + " preExistingResource(...)");
  }

  @Test
  void snapshotClassOfAnotherDriverIsAnError() {
    VolumeSnapshotClassSpec ebs = VolumeSnapshotClassSpec.builder().name("ebs").driver("ebs.csi.aws.com").build();
    assertThat(problems(shop().component(ordersDb().build(), ebs, snapshot().snapshotClass(ebs).build()).build()))
        .containsExactly("ERROR [snapshot shop/snap] " + SNAPSHOT + " spec.volumeSnapshotClassName:"
            + " VolumeSnapshotClass ebs is of driver ebs.csi.aws.com, but the claim's volume is of driver"
            + " cinder.csi.openstack.org; the snapshot would fail — use a VolumeSnapshotClass of"
            + " cinder.csi.openstack.org");
  }

  @Test
  void snapshotWithoutClassWantsADefaultClassOfTheDriver() {
    assertThat(problems(shop().component(ordersDb().build(), snapshot().build()).build())).containsExactly(
        "WARNING [snapshot shop/snap] " + SNAPSHOT + " spec.volumeSnapshotClassName: names no class and the spec"
            + " has no default VolumeSnapshotClass for driver cinder.csi.openstack.org; the snapshot waits unless the"
            + " cluster has one — name a class, or mark a VolumeSnapshotClassSpec of the driver defaultClass(true)");
  }

  @Test
  void snapshotOfAStatefulSetClaimIsFound() {
    var set = new StatefulSetBuilder().withNewMetadata().withName("search").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "search").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata().withNewSpec().addNewContainer()
        .withName("search").withImage("example/search:1").endContainer().endSpec().endTemplate()
        .withVolumeClaimTemplates(ordersDb().name("index").build().template()).endSpec().build();
    VolumeSnapshotClassSpec snapshots = cinderSnapshots().build();
    assertThat(problems(shop().resource(set).component(snapshots,
        snapshot().claim("index-search-2").snapshotClass(snapshots).build()).build())).isEmpty();
    assertThat(problems(shop().resource(set).component(snapshots,
        snapshot().claim("index-search").snapshotClass(snapshots).build()).build()))
        .anySatisfy(p -> assertThat(p).contains("names claim shop/index-search, which is neither"));
  }

  @Test
  void snapshotValuesAreCheckedByTheBuilder() {
    assertThat(builderProblems(() -> snapshot().claim("Orders").build()))
        .containsExactly(
            "ERROR " + SNAPSHOT + " spec.source.persistentVolumeClaimName: 'Orders' is not a DNS-1123 subdomain"
                + " (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit) —"
                + " name the claim to snapshot");
  }

  @Test
  void oneDefaultAndOneVeleroSnapshotClassPerDriver() {
    assertThat(problems(shop().component(cinderSnapshots().defaultClass(true).veleroCsiSnapshotClass(true).build(),
        cinderSnapshots().name("second").defaultClass(true).veleroCsiSnapshotClass(true).build(),
        VolumeSnapshotClassSpec.builder().name("ebs").driver("ebs.csi.aws.com").defaultClass(true)
            .veleroCsiSnapshotClass(true).build()).build())).containsExactly(
        "ERROR [snapshot-class csi-cinder-snapclass] VolumeSnapshotClass.snapshot.storage.k8s.io csi-cinder-snapclass"
            + " metadata.annotations[snapshot.storage.kubernetes.io/is-default-class]: is one of 2 default"
            + " VolumeSnapshotClasses of driver cinder.csi.openstack.org (csi-cinder-snapclass, second); with"
            + " several, snapshots of the driver's volumes fail instead of choosing one — mark exactly one class"
            + " of the driver as default",
        "ERROR [snapshot-class csi-cinder-snapclass] VolumeSnapshotClass.snapshot.storage.k8s.io csi-cinder-snapclass"
            + " metadata.labels[velero.io/csi-volumesnapshot-class]: is one of 2 Velero CSI VolumeSnapshotClasses"
            + " of driver cinder.csi.openstack.org (csi-cinder-snapclass, second); with several, snapshots of the"
            + " driver's volumes fail instead of choosing one — mark exactly one class of the driver as Velero CSI");
  }

  @Test
  void snapshotClassValuesAreCheckedByTheBuilder() {
    assertThat(builderProblems(() -> VolumeSnapshotClassSpec.builder().name("snap").driver(CINDER + "/x").build()))
        .containsExactly("ERROR VolumeSnapshotClass.snapshot.storage.k8s.io snap driver: 'cinder.csi.openstack.org/x'"
            + " is not a CSI driver name (at most 63 characters, alphanumerics at both ends, dashes, dots and"
            + " alphanumerics between) — use the driver's name as its CSIDriver object shows it, such as"
            + " 'cinder.csi.openstack.org'");
  }

  private static VolumeSnapshotSpec.Builder snapshot() {
    return VolumeSnapshotSpec.builder().name("snap").namespace("shop").claim("orders-db");
  }
}
