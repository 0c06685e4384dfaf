package dev.shipshape.storage.drift;

import static dev.shipshape.storage.drift.DriftFixtures.CINDER;

import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimListBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeListBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIDriverListBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeListBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassListBuilder;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentListBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of {@code n} bound, attached CSI volumes on {@code n / 100} nodes, served once per kind by a mock API
 * server in expectations mode (a second request for a kind would fail), and the backend that matches it.
 */
final class LargeCluster {
  /** The list requests the drift detector may make: one per kind. */
  static final int KINDS = 9;

  private LargeCluster() {}

  /** Serves the cluster; without the snapshot CRD, its list answers 404 as an API server does for unknown kinds. */
  static void serve(KubernetesMockServer server, int n, boolean snapshotCrd) {
    PersistentVolumeListBuilder pvs = new PersistentVolumeListBuilder();
    PersistentVolumeClaimListBuilder claims = new PersistentVolumeClaimListBuilder();
    VolumeAttachmentListBuilder attachments = new VolumeAttachmentListBuilder();
    NodeListBuilder nodes = new NodeListBuilder();
    for (int i = 0; i < Math.max(1, n / 100); i++) nodes.addToItems(DriftFixtures.node("node-" + i, "server-" + i));
    for (int i = 0; i < n; i++) {
      pvs.addToItems(DriftFixtures.pv("pv-" + i, "vol-" + i, "10Gi", "t" + i % 50, "data-" + i).build());
      claims.addToItems(DriftFixtures.claim("t" + i % 50, "data-" + i, "10Gi", "pv-" + i).build());
      attachments.addToItems(DriftFixtures.attachment("csi-" + i, "pv-" + i, "node-" + i / 100, true));
    }
    server.expect().get().withPath("/api/v1/persistentvolumes").andReturn(200, pvs.build()).once();
    server.expect().get().withPath("/api/v1/persistentvolumeclaims").andReturn(200, claims.build()).once();
    server.expect().get().withPath("/apis/storage.k8s.io/v1/volumeattachments").andReturn(200, attachments.build())
        .once();
    server.expect().get().withPath("/apis/storage.k8s.io/v1/storageclasses").andReturn(200,
        new StorageClassListBuilder().addToItems(DriftFixtures.storageClass("csi-cinder-high-speed")).build()).once();
    server.expect().get().withPath("/apis/storage.k8s.io/v1/csidrivers").andReturn(200,
        new CSIDriverListBuilder().addToItems(DriftFixtures.driver(CINDER)).build()).once();
    server.expect().get().withPath("/apis/storage.k8s.io/v1/csinodes").andReturn(200,
        new CSINodeListBuilder().addToItems(DriftFixtures.csiNode("node-0", CINDER)).build()).once();
    server.expect().get().withPath("/api/v1/nodes").andReturn(200, nodes.build()).once();
    server.expect().get().withPath("/api/v1/events?fieldSelector=involvedObject.kind%3DPersistentVolumeClaim")
        .andReturn(200, new EventListBuilder().build()).once();
    server.expect().get().withPath("/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents")
        .andReturn(snapshotCrd ? 200 : 404, snapshotCrd ? new VolumeSnapshotContentListBuilder().build()
            : "{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"status\": \"Failure\", \"reason\": \"NotFound\","
                + " \"code\": 404}").once();
  }

  /** The backend's volumes of the cluster that {@link #serve} answers with. */
  static List<BackendVolume> volumes(int n) {
    List<BackendVolume> volumes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      volumes.add(DriftFixtures.volume("vol-" + i, 10, "pv-" + i, "server-" + i / 100).build());
    }
    return volumes;
  }
}
