package dev.shipshape.storage.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector reads a cluster with one list request per kind, however many volumes it has. */
@EnableKubernetesMockClient
class LiveReadTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void tenThousandVolumesTakeOneListRequestPerKind() {
    int n = 10_000;
    LargeCluster.serve(server, n, true);
    int before = server.getRequestCount();
    StorageDrift drift = StorageDriftDetector.builder()
        .backend(Inventories.parse(InventoryFormat.GENERIC, "large", DriftFixtures.genericInventory(
            LargeCluster.volumes(n), List.of())))
        .build().detect(client);
    assertThat(server.getRequestCount() - before).isEqualTo(LargeCluster.KINDS);
    assertThat(drift.report().findings()).isEmpty();
    assertThat(drift.report().notes()).containsExactly(
        "snapshots not compared: the generic inventory lists no snapshot");
  }

  @Test
  void aClusterWithoutSnapshotCrdsIsReadAndNoted() {
    LargeCluster.serve(server, 3, false);
    ClusterStorage storage = ClusterStorage.read(client);
    assertThat(storage.persistentVolumes()).hasSize(3);
    assertThat(storage.snapshotContents()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(LargeCluster.KINDS);
  }
}
