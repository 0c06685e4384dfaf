package dev.shipshape.storage.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentBuilder;
import java.util.List;

/** Storage objects as the API server and the CSI sidecars write them, for offline and live drift tests. */
final class DriftFixtures {
  static final String CINDER = "cinder.csi.openstack.org";
  static final String CREATED = "2026-12-01T10:00:00Z";

  private DriftFixtures() {}

  static CSIDriver driver(String name) {
    return new CSIDriverBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withAttachRequired(true)
        .endSpec().build();
  }

  /** The CSINode of a node whose kubelet registered the node plugins of {@code drivers}. */
  static CSINode csiNode(String node, String... drivers) {
    CSINodeBuilder csiNode = new CSINodeBuilder().withNewMetadata().withName(node).endMetadata().withNewSpec()
        .endSpec();
    for (String driver : drivers) {
      csiNode.editSpec().addNewDriver().withName(driver).withNodeID(node).endDriver().endSpec();
    }
    return csiNode.build();
  }

  static StorageClass storageClass(String name) {
    return new StorageClassBuilder().withNewMetadata().withName(name).endMetadata().withProvisioner(CINDER)
        .withReclaimPolicy("Delete").withVolumeBindingMode("WaitForFirstConsumer").withAllowVolumeExpansion(true)
        .build();
  }

  static Node node(String name, String serverId) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withProviderID("openstack:///" + serverId).endSpec().build();
  }

  /**
   * A CSI PersistentVolume of class csi-cinder-high-speed, provisioned by the driver (as its external-provisioner
   * annotates it), bound to {@code ns/claim} when claim is not null.
   */
  static PersistentVolumeBuilder pv(String name, String handle, String size, String ns, String claim) {
    PersistentVolumeBuilder pv = new PersistentVolumeBuilder().withNewMetadata().withName(name)
        .withCreationTimestamp(CREATED).addToAnnotations("pv.kubernetes.io/provisioned-by", CINDER).endMetadata()
        .withNewSpec().addToCapacity("storage", new Quantity(size)).withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy("Delete").withStorageClassName("csi-cinder-high-speed")
        .withNewCsi().withDriver(CINDER).withVolumeHandle(handle).withFsType("ext4").endCsi().endSpec()
        .withNewStatus().withPhase(claim == null ? "Available" : "Bound").endStatus();
    if (claim != null) pv.editSpec().withNewClaimRef().withNamespace(ns).withName(claim).endClaimRef().endSpec();
    return pv;
  }

  static PersistentVolumeClaimBuilder claim(String ns, String name, String size, String volume) {
    PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(ns)
        .withName(name).withCreationTimestamp(CREATED).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("csi-cinder-high-speed")
        .withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec();
    if (volume != null) {
      claim.editSpec().withVolumeName(volume).endSpec().withNewStatus().withPhase("Bound")
          .addToCapacity("storage", new Quantity(size)).endStatus();
    } else {
      claim.withNewStatus().withPhase("Pending").endStatus();
    }
    return claim;
  }

  static VolumeAttachment attachment(String name, String pv, String node, boolean attached) {
    return new VolumeAttachmentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withAttacher(CINDER).withNodeName(node).withNewSource().withPersistentVolumeName(pv).endSource().endSpec()
        .withNewStatus().withAttached(attached).endStatus().build();
  }

  static Event claimEvent(String ns, String claim, String reason, String message, String time) {
    return new EventBuilder().withNewMetadata().withNamespace(ns).withName(claim + "." + reason.toLowerCase())
        .endMetadata().withNewInvolvedObject().withKind("PersistentVolumeClaim").withNamespace(ns).withName(claim)
        .endInvolvedObject().withReason(reason).withMessage(message).withType("Warning").withLastTimestamp(time)
        .withFirstTimestamp(time).withCount(1).build();
  }

  static VolumeSnapshotContent snapshotContent(String name, String handle) {
    return new VolumeSnapshotContentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withDriver(CINDER).withDeletionPolicy("Delete").withNewSource().withSnapshotHandle(handle).endSource()
        .withNewVolumeSnapshotRef().withNamespace("shop").withName("orders-db-before-v2").endVolumeSnapshotRef()
        .endSpec().build();
  }

  static BackendVolume.Builder volume(String id, long gib, String pv, String... servers) {
    BackendVolume.Builder volume = BackendVolume.builder().id(id).sizeGiB(gib)
        .state(servers.length == 0 ? "available" : "in-use").addAttachedInstances(servers);
    if (pv != null) volume.putMetadata("csi.storage.k8s.io/pv/name", pv);
    return volume;
  }

  /** The generic inventory JSON of these volumes and snapshots, for the live tests and the command line. */
  static String genericInventory(List<BackendVolume> volumes, List<BackendSnapshot> snapshots) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.putArray("drivers").add(CINDER);
    ArrayNode volumeNodes = root.putArray("volumes");
    for (BackendVolume v : volumes) {
      ObjectNode node = volumeNodes.addObject().put("id", v.id()).put("sizeGiB", v.sizeGiB()).put("state", v.state());
      v.attachedInstances().forEach(node.putArray("attachedTo")::add);
      ObjectNode metadata = node.putObject("metadata");
      v.metadata().forEach(metadata::put);
    }
    ArrayNode snapshotNodes = root.putArray("snapshots");
    for (BackendSnapshot s : snapshots) {
      snapshotNodes.addObject().put("id", s.id()).put("sizeGiB", s.sizeGiB()).put("state", s.state());
    }
    return root.toString();
  }
}
