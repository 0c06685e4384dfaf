package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.cinderSnapshots;
import static dev.shipshape.storage.StorageFixtures.highSpeed;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompiledStorageTest {

  private static final VolumeSnapshotClassSpec SNAPSHOTS = cinderSnapshots().defaultClass(true)
      .veleroCsiSnapshotClass(true).deletionPolicy(SnapshotDeletionPolicy.RETAIN).build();
  private static final VolumeClaimSpec ORDERS_DB = ordersDb().build();

  private static ClusterSpec spec() {
    return StorageFixtures.bare()
        .resource(new StatefulSetBuilder().withNewMetadata().withName("search").withNamespace("shop").endMetadata()
            .withNewSpec().withServiceName("search").withNewSelector().addToMatchLabels("app", "search").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata().withNewSpec()
            .addNewContainer().withName("search").withImage("example/search:1").endContainer().endSpec()
            .endTemplate().withVolumeClaimTemplates(ordersDb().name("index").build().template()).endSpec().build())
        .component(highSpeed().defaultClass(true).allowedTopology("topology.kubernetes.io/zone", "nova")
                .addMountOptions("noatime").build(),
            SNAPSHOTS, ORDERS_DB,
            VolumeSnapshotSpec.builder().name("orders-db-before-v2").claim(ORDERS_DB).snapshotClass(SNAPSHOTS)
                .build(),
            VolumeSnapshotSpec.builder().name("index-search-0-nightly").namespace("shop").claim("index-search-0")
                .build())
        .build();
  }

  @Test
  void storageClassCompiles() {
    assertThat(yaml(ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", "csi-cinder-high-speed")))
        .isEqualTo(String.join("\n",
            "apiVersion: storage.k8s.io/v1",
            "kind: StorageClass",
            "metadata:",
            "  annotations:",
            "    storageclass.kubernetes.io/is-default-class: \"true\"",
            "  name: csi-cinder-high-speed",
            "allowVolumeExpansion: true",
            "allowedTopologies:",
            "- matchLabelExpressions:",
            "  - key: topology.kubernetes.io/zone",
            "    values:",
            "    - nova",
            "mountOptions:",
            "- noatime",
            "parameters:",
            "  type: high-speed",
            "provisioner: cinder.csi.openstack.org",
            "reclaimPolicy: Retain",
            "volumeBindingMode: WaitForFirstConsumer",
            ""));
  }

  @Test
  void snapshotClassCarriesVeleroLabelAndDefaultAnnotation() {
    assertThat(yaml(SNAPSHOTS.ref())).isEqualTo(String.join("\n",
        "apiVersion: snapshot.storage.k8s.io/v1",
        "kind: VolumeSnapshotClass",
        "metadata:",
        "  annotations:",
        "    snapshot.storage.kubernetes.io/is-default-class: \"true\"",
        "  labels:",
        "    velero.io/csi-volumesnapshot-class: \"true\"",
        "  name: csi-cinder-snapclass",
        "deletionPolicy: Retain",
        "driver: cinder.csi.openstack.org",
        "parameters:",
        "  force-create: \"true\"",
        ""));
  }

  @Test
  void claimAndSnapshotCompile() {
    assertThat(yaml(ORDERS_DB.ref())).isEqualTo(String.join("\n",
        "apiVersion: v1",
        "kind: PersistentVolumeClaim",
        "metadata:",
        "  name: orders-db",
        "  namespace: shop",
        "spec:",
        "  accessModes:",
        "  - ReadWriteOnce",
        "  resources:",
        "    requests:",
        "      storage: 20Gi",
        "  storageClassName: csi-cinder-high-speed",
        ""));
    assertThat(yaml(ResourceRef.namespaced(VolumeSnapshotSpec.GROUP, "VolumeSnapshot", "shop",
        "orders-db-before-v2"))).isEqualTo(String.join("\n",
        "apiVersion: snapshot.storage.k8s.io/v1",
        "kind: VolumeSnapshot",
        "metadata:",
        "  name: orders-db-before-v2",
        "  namespace: shop",
        "spec:",
        "  source:",
        "    persistentVolumeClaimName: orders-db",
        "  volumeSnapshotClassName: csi-cinder-snapclass",
        ""));
    assertThat(ORDERS_DB.template().getMetadata().getNamespace()).isNull();
  }

  @Test
  void classesComeBeforeClaimsWorkloadsAndSnapshots() {
    Plan plan = spec().plan();
    int storageClass = wave(plan, "StorageClass", "csi-cinder-high-speed");
    assertThat(storageClass).isLessThan(wave(plan, "PersistentVolumeClaim", "orders-db"));
    assertThat(storageClass).isLessThan(wave(plan, "StatefulSet", "search"));
    assertThat(wave(plan, "VolumeSnapshotClass", "csi-cinder-snapclass"))
        .isLessThan(wave(plan, "VolumeSnapshot", "orders-db-before-v2"));
  }

  @Test
  void compiledObjectsConformToTheirSchemas() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects = spec().plan().resources().stream()
        .map(PlannedResource::object).collect(Collectors.toList());
    assertThat(objects).extracting(o -> o.getKind()).contains("StorageClass", "VolumeSnapshotClass",
        "VolumeSnapshot", "PersistentVolumeClaim");
    assertThat(schemas.validateAll(objects)).isEmpty();
  }

  @Test
  void compileReturnsFreshObjects() {
    StorageClassSpec spec = highSpeed().build();
    assertThat(spec.compile(null).get(0)).isNotSameAs(spec.compile(null).get(0))
        .isEqualTo(spec.compile(null).get(0));
  }

  private static String yaml(ResourceRef ref) {
    return Manifests.toYaml(spec().plan().find(ref).orElseThrow().object());
  }

  private static int wave(Plan plan, String kind, String name) {
    return plan.waves().stream().filter(w -> w.resources().stream()
        .anyMatch(r -> r.ref().kind().equals(kind) && r.ref().name().equals(name)))
        .findFirst().orElseThrow().index();
  }
}
