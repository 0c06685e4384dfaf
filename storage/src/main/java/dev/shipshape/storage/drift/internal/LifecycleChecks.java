package dev.shipshape.storage.drift.internal;

import static dev.shipshape.storage.drift.internal.DriftIndex.attachmentRef;
import static dev.shipshape.storage.drift.internal.DriftIndex.pvRef;

import dev.shipshape.core.GoDuration;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Released volumes kept by Retain, objects stuck Terminating, and claims Pending too long. */
final class LifecycleChecks {
  /** The annotation by which the scheduler asks for a WaitForFirstConsumer claim's volume on its chosen node. */
  static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
  private static final int NAMED_WAITING = 5;
  private final DriftIndex index;
  private final DriftFindings out;
  private final Instant now;
  private final Duration pendingAfter;
  private final Duration terminatingAfter;
  /** Claims Pending only because no pod using them was scheduled yet, as namespace/name. */
  private final List<String> waiting = new ArrayList<>();

  LifecycleChecks(DriftIndex index, DriftFindings out, Instant now, Duration pendingAfter,
      Duration terminatingAfter) {
    this.index = index;
    this.out = out;
    this.now = now;
    this.pendingAfter = pendingAfter;
    this.terminatingAfter = terminatingAfter;
  }

  void run() {
    for (PersistentVolume pv : index.cluster.persistentVolumes()) {
      if ("Released".equals(VolumeChecks.phase(pv)) && "Retain".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
        released(pv);
      }
      String name = pv.getMetadata().getName();
      terminating(pv, pvRef(name), "PersistentVolume " + name, index.attachmentsOf(name), "pv " + name);
    }
    for (PersistentVolumeClaim claim : index.cluster.claims()) {
      String ns = claim.getMetadata().getNamespace();
      String name = claim.getMetadata().getName();
      String volume = claim.getSpec().getVolumeName();
      terminating(claim, DriftIndex.claimRef(ns, name), "claim " + ns + "/" + name,
          volume == null ? List.of() : index.attachmentsOf(volume), "pvc -n " + ns + " " + name);
      String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
      if ("Pending".equals(phase)) pending(claim);
    }
    noteWaiting();
  }

  /**
   * A claim of a WaitForFirstConsumer class stays Pending by design until the scheduler picks a node for a pod using
   * it, which it records in the annotation {@value #SELECTED_NODE}; only then does provisioning start
   * (<a href="https://kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode">Volume binding
   * mode</a>). Such a claim is not drift; one with a selected node that stays Pending is.
   */
  private boolean waitsForFirstConsumer(PersistentVolumeClaim claim) {
    String storageClass = claim.getSpec().getStorageClassName();
    Map<String, String> annotations = claim.getMetadata().getAnnotations();
    return storageClass != null && index.waitingClasses.contains(storageClass)
        && (annotations == null || !annotations.containsKey(SELECTED_NODE));
  }

  private void noteWaiting() {
    if (waiting.isEmpty()) return;
    String names = waiting.stream().limit(NAMED_WAITING).collect(Collectors.joining(", "))
        + (waiting.size() > NAMED_WAITING ? " and " + (waiting.size() - NAMED_WAITING) + " more" : "");
    out.notes.add("Pending claims of WaitForFirstConsumer StorageClasses not reported, as no pod using them has"
        + " been scheduled yet and nothing was provisioned for them: " + names);
  }

  private void released(PersistentVolume pv) {
    String name = pv.getMetadata().getName();
    ResourceRef claim = VolumeChecks.claimOf(pv);
    String handle = DriftIndex.handle(pv).orElse("");
    String rule = "storage-released-retained";
    out.add(rule, Severity.MEDIUM, claim == null ? List.of(pvRef(name)) : List.of(pvRef(name), claim),
        "PersistentVolume " + name + " is Released" + (claim == null ? "" : " (claim " + claim.qualifiedName()
            + " was deleted)") + " and kept by reclaimPolicy Retain: no claim can use it, and its backend volume "
            + handle + " stays billed", "if the data is needed, remove spec.claimRef so that a new claim can bind"
            + " it; otherwise delete the PersistentVolume and then the backend volume");
    out.step(rule, "PersistentVolume " + name, "to reuse the data: make the volume Available again", false,
        List.of(Optional.of("kubectl patch pv " + name + " --type json -p '[{\"op\":\"remove\",\"path\":"
            + "\"/spec/claimRef\"}]'")));
    out.step(rule, "PersistentVolume " + name, "when the data is not needed: delete the PersistentVolume, then"
        + " the backend volume (Retain leaves it behind)", true, List.of(Optional.of("kubectl delete pv " + name),
        handle.isEmpty() ? Optional.empty() : index.backend.deleteVolumeCommand(handle)));
  }

  private void terminating(HasMetadata object, ResourceRef ref, String what, List<VolumeAttachment> attachments,
      String kubectlName) {
    Optional<Instant> deleted = DriftIndex.deleted(object);
    if (deleted.isEmpty() || Duration.between(deleted.get(), now).compareTo(terminatingAfter) < 0) return;
    List<String> finalizers = object.getMetadata().getFinalizers() == null ? List.of()
        : object.getMetadata().getFinalizers();
    List<ResourceRef> resources = new ArrayList<>(List.of(ref));
    attachments.forEach(va -> resources.add(attachmentRef(va.getMetadata().getName())));
    String holders = attachments.isEmpty() ? "" : "; held by " + attachments.stream()
        .map(va -> "VolumeAttachment " + va.getMetadata().getName() + " (node " + va.getSpec().getNodeName() + ")")
        .collect(Collectors.joining(", "));
    String rule = "storage-stuck-terminating";
    out.add(rule, Severity.HIGH, resources, what + " has been Terminating for "
        + GoDuration.format(Duration.between(deleted.get(), now).withNanos(0)) + " (finalizers: "
        + (finalizers.isEmpty() ? "none" : String.join(", ", finalizers)) + ")" + holders,
        "find what holds it: pods still using the claim (kubernetes.io/pvc-protection), a VolumeAttachment whose"
            + " node is gone (external-attacher); remove finalizers by hand only once the volume is detached");
    List<Optional<String>> commands = new ArrayList<>();
    commands.add(Optional.of("kubectl describe " + kubectlName));
    attachments.forEach(va -> commands.add(Optional.of("kubectl get volumeattachment " + va.getMetadata().getName()
        + " -o yaml")));
    out.step(rule, what, "find the holder and release it", false, commands);
    out.step(rule, what, "last resort, once detached everywhere: clear the finalizers", true,
        List.of(Optional.of("kubectl patch " + kubectlName + " --type merge -p '{\"metadata\":{\"finalizers\":null}}'")));
  }

  private void pending(PersistentVolumeClaim claim) {
    Duration age = Duration.between(DriftIndex.created(claim), now);
    if (age.compareTo(pendingAfter) < 0) return;
    String ns = claim.getMetadata().getNamespace();
    String name = claim.getMetadata().getName();
    if (waitsForFirstConsumer(claim)) {
      waiting.add(ns + "/" + name);
      return;
    }
    Event event = index.latestEventByClaim.get(ns + "/" + name);
    String reason = event == null ? "no event explains it (events expire after an hour by default)"
        : "last event " + event.getReason() + ": " + event.getMessage();
    String rule = "storage-claim-pending";
    out.add(rule, Severity.MEDIUM, List.of(DriftIndex.claimRef(ns, name)), "claim " + ns + "/" + name
        + " has been Pending for " + GoDuration.format(age.withNanos(0)) + "; " + reason,
        "fix what the event says (a missing StorageClass, a provisioning error, quota); with WaitForFirstConsumer"
            + " the claim binds only once a pod using it is scheduled");
    out.step(rule, "PersistentVolumeClaim " + ns + "/" + name, "read its events and fix the cause", false,
        List.of(Optional.of("kubectl describe pvc -n " + ns + " " + name)));
  }
}
