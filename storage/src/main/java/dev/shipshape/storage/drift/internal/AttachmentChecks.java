package dev.shipshape.storage.drift.internal;

import static dev.shipshape.storage.drift.internal.DriftIndex.attachmentRef;
import static dev.shipshape.storage.drift.internal.DriftIndex.pvRef;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.drift.BackendVolume;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** VolumeAttachments against nodes and the backend's own attachments, both ways. */
final class AttachmentChecks {
  private final DriftIndex index;
  private final DriftFindings out;

  AttachmentChecks(DriftIndex index, DriftFindings out) {
    this.index = index;
    this.out = out;
  }

  void run() {
    Map<String, PersistentVolume> pvs = new HashMap<>();
    index.cluster.persistentVolumes().forEach(pv -> pvs.put(pv.getMetadata().getName(), pv));
    for (VolumeAttachment va : index.cluster.volumeAttachments()) {
      String node = va.getSpec().getNodeName();
      String pvName = va.getSpec().getSource() == null ? null : va.getSpec().getSource().getPersistentVolumeName();
      PersistentVolume pv = pvName == null ? null : pvs.get(pvName);
      BackendVolume volume = pv == null || !index.judged(pv) ? null
          : index.volumesById.get(DriftIndex.handle(pv).orElse(""));
      if (!index.nodesByName.containsKey(node)) {
        nodeMissing(va, node, pvName, volume);
      } else if (volume != null && attached(va)) {
        Optional<String> instance = index.instanceOfNode(node);
        boolean inBackend = instance.map(volume.attachedInstances()::contains)
            .orElse(!volume.attachedInstances().isEmpty());
        if (!inBackend) detachedInBackend(va, node, pvName, volume);
      }
    }
    for (PersistentVolume pv : index.cluster.persistentVolumes()) {
      if (!index.judged(pv)) continue;
      BackendVolume volume = index.volumesById.get(DriftIndex.handle(pv).orElse(""));
      if (volume == null) continue;
      for (String instance : volume.attachedInstances()) {
        String node = index.nodeByInstance.get(instance);
        boolean known = node != null && index.attachmentsOf(pv.getMetadata().getName()).stream()
            .anyMatch(va -> node.equals(va.getSpec().getNodeName()) && attached(va));
        if (!known) unknownToKubernetes(pv, volume, instance, node);
      }
    }
  }

  private static boolean attached(VolumeAttachment va) {
    return va.getStatus() != null && Boolean.TRUE.equals(va.getStatus().getAttached());
  }

  private void nodeMissing(VolumeAttachment va, String node, String pvName, BackendVolume volume) {
    String name = va.getMetadata().getName();
    String rule = "storage-attachment-node-missing";
    out.add(rule, Severity.HIGH, pvName == null ? List.of(attachmentRef(name))
            : List.of(attachmentRef(name), pvRef(pvName)), "VolumeAttachment " + name + " attaches "
            + (pvName == null ? "a volume" : "PersistentVolume " + pvName) + " to node " + node + ", which no longer"
            + " exists; the volume cannot attach elsewhere (a ReadWriteOnce volume stays blocked)",
        "detach the volume in the backend if it is still attached, then delete the VolumeAttachment");
    String instance = volume == null || volume.attachedInstances().isEmpty() ? null
        : volume.attachedInstances().get(0);
    out.step(rule, "VolumeAttachment " + name, "detach in the backend, then delete the VolumeAttachment", true,
        List.of(instance == null ? Optional.empty() : index.backend.detachVolumeCommand(volume.id(), instance),
            Optional.of("kubectl delete volumeattachment " + name)));
  }

  private void detachedInBackend(VolumeAttachment va, String node, String pvName, BackendVolume volume) {
    String name = va.getMetadata().getName();
    String rule = "storage-attachment-detached-in-backend";
    out.add(rule, Severity.HIGH, List.of(attachmentRef(name), pvRef(pvName), ResourceRef.core("Node", null, node)),
        "VolumeAttachment " + name + " says PersistentVolume " + pvName + " is attached to node " + node + ", but "
            + index.backend.name() + " volume " + volume.id() + " is " + (volume.attachedInstances().isEmpty()
            ? "attached nowhere" : "attached to " + String.join(", ", volume.attachedInstances()))
            + "; pods on the node see I/O errors", "restart the pods using the claim so that the attacher attaches"
            + " the volume again; if that fails, delete the VolumeAttachment");
    out.step(rule, "VolumeAttachment " + name, "check the attachment and re-attach through Kubernetes", false,
        List.of(Optional.of("kubectl get volumeattachment " + name + " -o yaml"),
            index.backend.showVolumeCommand(volume.id())));
  }

  private void unknownToKubernetes(PersistentVolume pv, BackendVolume volume, String instance, String node) {
    String name = pv.getMetadata().getName();
    String rule = "storage-attachment-unknown-to-kubernetes";
    out.add(rule, Severity.MEDIUM, List.of(pvRef(name)), index.backend.name() + " volume " + volume.id()
            + " of PersistentVolume " + name + " is attached to " + (node == null ? "instance " + instance
            + ", which is no node of the cluster" : "node " + node + " (instance " + instance + ")")
            + ", but no attached VolumeAttachment says so: a detach was lost, and the volume cannot attach where"
            + " its pod runs", "check that nothing on that instance uses the volume, then detach it in the backend");
    out.step(rule, index.backend.name() + " volume " + volume.id(), "detach it from instance " + instance
        + " once nothing uses it", false, List.of(index.backend.showVolumeCommand(volume.id()),
        index.backend.detachVolumeCommand(volume.id(), instance)));
  }
}
