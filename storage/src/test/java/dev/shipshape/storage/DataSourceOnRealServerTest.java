package dev.shipshape.storage;

import static dev.shipshape.storage.StorageFixtures.builderProblems;
import static dev.shipshape.storage.StorageFixtures.ordersDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.TypedObjectReference;
import io.fabric8.kubernetes.api.model.TypedObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * The claim sources the builders accept, as the real API server keeps them, and the shapes they refuse, which the
 * server rejects or silently drops (creating an empty volume).
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class DataSourceOnRealServerTest {
  private static final String NS = "storage-sources";
  private static final String REFUSED = "storage-sources-refused";

  private static VolumeClaimSpec.Builder claim() {
    return claim(NS);
  }

  private static VolumeClaimSpec.Builder claim(String namespace) {
    return ordersDb().namespace(namespace).name("restored");
  }

  private static PersistentVolumeClaim dryRun(KubernetesClient client, PersistentVolumeClaim claim) {
    return client.resource(claim).dryRun().create();
  }

  @Test
  void theServerKeepsEverySourceTheBuildersAccept(KubernetesClient client) {
    TestNamespaces.create(client, NS);
    VolumeSnapshotSpec snapshot = VolumeSnapshotSpec.builder().name("nightly").namespace(NS).claim("orders-db")
        .build();
    for (VolumeClaimSpec spec : new VolumeClaimSpec[] {claim().restoreFrom(snapshot).build(),
        claim().restoreFromSnapshot("nightly").build(), claim().cloneFromClaim("orders-db").build(),
        claim().cloneFromStatefulSetClaim("db", "data", 0).build(),
        claim().cloneFrom(ordersDb().namespace(NS).build()).build(),
        claim().dataSource(VolumeDataSource.populator("hello.example.com", "Hello", "greeting")).build()}) {
      PersistentVolumeClaim created = dryRun(client, (PersistentVolumeClaim) spec.compile(null).get(0));
      TypedObjectReference ref = created.getSpec().getDataSourceRef();
      assertThat(ref).as(spec.dataSource().orElseThrow().toString()).isNotNull();
      assertThat(ref.getName()).isEqualTo(spec.dataSource().orElseThrow().name());
      // The server copies the reference to dataSource, which the provisioners of snapshots and clones read.
      assertThat(created.getSpec().getDataSource().getKind()).isEqualTo(ref.getKind());
    }
  }

  @Test
  void theServerRejectsOrDropsTheShapesTheBuildersRefuse(KubernetesClient client) {
    TestNamespaces.create(client, REFUSED);
    // A VolumeSnapshot without its group: rejected in dataSourceRef, dropped from dataSource.
    assertThatThrownBy(() -> dryRun(client, withDataSourceRef("", "VolumeSnapshot", "nightly")))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("must be 'PersistentVolumeClaim' when referencing the default apiGroup");
    assertThat(dryRun(client, withDataSource(source("", "VolumeSnapshot", "nightly"))).getSpec().getDataSourceRef())
        .isNull();
    assertThat(builderProblems(() -> claim().dataSource(VolumeDataSource.builder().kind("VolumeSnapshot")
        .name("nightly").build()).build())).hasSize(1);
    // A claim of group 'v1' in dataSourceRef, as a claim compiles: kept in both fields, so no provisioner clones
    // it (it reads the source as a populator's object) and the claim would stay Pending.
    PersistentVolumeClaim v1 = dryRun(client, withDataSourceRef("v1", "PersistentVolumeClaim", "orders-db"));
    assertThat(v1.getSpec().getDataSourceRef().getApiGroup()).isEqualTo("v1");
    assertThat(v1.getSpec().getDataSource().getApiGroup()).isEqualTo("v1");
    assertThat(builderProblems(() -> claim().dataSource(VolumeDataSource.builder().apiGroup("v1")
        .kind("PersistentVolumeClaim").name("orders-db").build()).build())).singleElement().asString()
        .contains("spec.dataSourceRef.apiGroup: is 'v1'", "the API server keeps it", "would stay Pending");
    // A source in another namespace, without the CrossNamespaceVolumeDataSource gate: dropped (a warning).
    PersistentVolumeClaim other = (PersistentVolumeClaim) claim(REFUSED).dataSource(VolumeDataSource.builder()
        .kind("PersistentVolumeClaim").name("orders-db").namespace("staging").build()).build().compile(null).get(0);
    assertThat(other.getSpec().getDataSourceRef().getNamespace()).isEqualTo("staging");
    assertThat(dryRun(client, other).getSpec().getDataSourceRef()).isNull();
    // Another core kind: rejected.
    assertThatThrownBy(() -> dryRun(client, withDataSourceRef("", "ConfigMap", "seed")))
        .hasMessageContaining("must be 'PersistentVolumeClaim' when referencing the default apiGroup");
  }

  private static TypedLocalObjectReference source(String group, String kind, String name) {
    return new TypedLocalObjectReferenceBuilder().withApiGroup(group.isEmpty() ? null : group).withKind(kind)
        .withName(name).build();
  }

  private static PersistentVolumeClaim withDataSourceRef(String group, String kind, String name) {
    PersistentVolumeClaim claim = (PersistentVolumeClaim) claim(REFUSED).build().compile(null).get(0);
    claim.getSpec().setDataSourceRef(new TypedObjectReferenceBuilder().withApiGroup(group.isEmpty() ? null : group)
        .withKind(kind).withName(name).build());
    return claim;
  }

  private static PersistentVolumeClaim withDataSource(TypedLocalObjectReference source) {
    PersistentVolumeClaim claim = (PersistentVolumeClaim) claim(REFUSED).build().compile(null).get(0);
    claim.getSpec().setDataSource(source);
    return claim;
  }
}
