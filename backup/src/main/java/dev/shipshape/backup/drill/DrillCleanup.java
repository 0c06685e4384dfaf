package dev.shipshape.backup.drill;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.core.findings.Finding;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Deletes what a drill restored in the order Kubernetes' storage protection asks for, and waits for each step.
 *
 * <p>The scratch namespaces go first and the drill waits until they are gone: their pods, then their claims, which
 * {@code kubernetes.io/pvc-protection} holds while a pod still uses them. Only then are the restored volumes
 * touched: {@code kubernetes.io/pv-protection} holds a volume while a claim is bound to it, and a volume deleted
 * before its claim is removed without its reclaim policy running, so the storage behind a {@code Delete} volume is
 * never released (storage object in use protection:
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#storage-object-in-use-protection; leaks when
 * deleting out of order:
 * https://kubernetes.io/blog/2024/08/16/kubernetes-1-31-prevent-persistentvolume-leaks-when-deleting-out-of-order/).
 * The finalizers {@code external-provisioner.volume.kubernetes.io/finalizer} (added by a recent enough CSI
 * external-provisioner) and {@code kubernetes.io/pv-controller} (dynamically provisioned in-tree volumes) hold a
 * deleted {@code Delete} volume until its storage is released, so deleting a volume that carries one is safe. The
 * server's version does not tell: the controllers add them (the feature is beta and gated in 1.31 and 1.32, GA in
 * 1.33) and statically provisioned volumes never get them. A {@code Delete} volume without one is left to the
 * PersistentVolume controller, which deletes it with its storage once its claim is gone. Volumes still there at
 * the end, and {@code Retain} volumes whose storage outlives them, become findings.
 * Only the volumes claimed in the drill's scratch namespaces are touched ({@link CleanupTarget#claimNamespaces()}):
 * another Velero install's restore of the same name labels its volumes alike.
 */
final class DrillCleanup {
  /** The finalizers that make a volume's deletion release its storage, whatever the order. */
  static final List<String> RECLAIM_FINALIZERS = List.of("external-provisioner.volume.kubernetes.io/finalizer",
      "kubernetes.io/pv-controller");

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration timeout;

  DrillCleanup(KubernetesClient client, Clock clock, Duration pollInterval, Duration timeout) {
    this.client = client;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /** Deletes {@code targets} (namespaces, then volumes, then the rest); what was there to delete. */
  List<String> run(List<CleanupTarget> targets, List<Finding> findings) {
    Instant deadline = clock.instant().plus(timeout);
    List<String> deleted = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    for (CleanupTarget t : targets) {
      if (isNamespace(t) && !delete(t).isEmpty()) {
        deleted.add(t.toString());
        namespaces.add(t.name().orElseThrow());
      }
    }
    awaitNamespaces(namespaces, deadline, findings);
    for (CleanupTarget t : targets) {
      if (isNamespace(t)) continue;
      boolean present = isVolumes(t) ? reclaimVolumes(t, deadline, findings) : !delete(t).isEmpty();
      if (present) deleted.add(t.toString());
    }
    return deleted;
  }

  private void awaitNamespaces(List<String> namespaces, Instant deadline, List<Finding> findings) {
    if (!await(() -> namespaces.stream().allMatch(ns -> client.namespaces().withName(ns).get() == null),
        deadline)) {
      for (String ns : namespaces) {
        if (client.namespaces().withName(ns).get() == null) continue;
        findings.add(BackupFindings.warn("drill-cleanup", "Namespace " + ns, "still terminating after "
            + timeout.toSeconds() + " s" + heldClaims(ns) + ", so the restored volumes still claimed there are not"
            + " deleted",
            "kubectl get all,pvc -n " + ns + " shows what is left; the next drill starts once it is gone"));
      }
    }
  }

  /** The claims of {@code namespace} still there, with the pods that use them. */
  private String heldClaims(String namespace) {
    List<String> claims = new ArrayList<>();
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
      String name = claim.getMetadata().getName();
      List<String> users = pods.stream().filter(p -> uses(p, name)).map(p -> p.getMetadata().getName())
          .collect(Collectors.toList());
      claims.add("PersistentVolumeClaim " + name + (users.isEmpty() ? "" : " (used by pod " + String.join(", ", users)
          + ", so kubernetes.io/pvc-protection holds it)"));
    }
    return claims.isEmpty() ? "" : ": " + String.join(", ", claims) + " left";
  }

  private static boolean uses(Pod pod, String claim) {
    return pod.getSpec() != null && pod.getSpec().getVolumes() != null && pod.getSpec().getVolumes().stream()
        .map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull).anyMatch(c -> claim.equals(c.getClaimName()));
  }

  /** Deletes or leaves to their controller the volumes of {@code t}, then waits for them; false when none. */
  private boolean reclaimVolumes(CleanupTarget t, Instant deadline, List<Finding> findings) {
    List<PersistentVolume> volumes = volumes(t);
    if (volumes.isEmpty()) return false;
    for (PersistentVolume pv : volumes) {
      String subject = "PersistentVolume " + pv.getMetadata().getName();
      if (pv.getMetadata().getDeletionTimestamp() != null || claim(pv).isPresent()) continue;
      String policy = Optional.ofNullable(pv.getSpec().getPersistentVolumeReclaimPolicy()).orElse("Retain");
      if ("Delete".equals(policy) && !releasesStorageOnDelete(pv)) continue;
      client.persistentVolumes().withName(pv.getMetadata().getName()).delete();
      if ("Retain".equals(policy)) {
        findings.add(BackupFindings.warn("drill-cleanup", subject, "has reclaim policy Retain: the object is"
            + " deleted, the storage restored into it is kept" + handle(pv), "delete the volume in the storage"
            + " backend, or restore with a Delete policy (Velero's resource modifiers can set"
            + " spec.persistentVolumeReclaimPolicy)"));
      }
    }
    if (!await(() -> volumes(t).isEmpty(), deadline)) {
      for (PersistentVolume pv : volumes(t)) findings.add(leftOver(pv));
    }
    return true;
  }

  private Finding leftOver(PersistentVolume pv) {
    String subject = "PersistentVolume " + pv.getMetadata().getName();
    String phase = pv.getStatus() == null ? "unknown" : pv.getStatus().getPhase();
    String finalizers = pv.getMetadata().getFinalizers().isEmpty() ? ""
        : ", finalizers " + String.join(", ", pv.getMetadata().getFinalizers());
    Optional<PersistentVolumeClaim> claim = claim(pv);
    String why;
    if (claim.isPresent()) {
      why = "its claim " + claim.get().getMetadata().getNamespace() + "/" + claim.get().getMetadata().getName()
          + " still exists, so it was not deleted";
    } else if (pv.getMetadata().getDeletionTimestamp() == null) {
      why = releasesStorageOnDelete(pv) ? "not deleted" : "left to the PersistentVolume controller, which deletes"
          + " a Delete volume with its storage once its claim is gone (it carries none of the finalizers "
          + String.join(", ", RECLAIM_FINALIZERS)
          + ", so deleting it would keep the storage)";
    } else {
      why = "deleted, waiting for its finalizers";
    }
    return BackupFindings.warn("drill-cleanup", subject, "still there after " + timeout.toSeconds() + " s (phase "
        + phase + finalizers + "): " + why, "kubectl describe persistentvolume " + pv.getMetadata().getName()
        + " shows the controller's events; a Failed volume's storage must be deleted in the backend before the"
        + " volume");
  }

  private static String handle(PersistentVolume pv) {
    return pv.getSpec().getCsi() == null ? "" : " (CSI volume handle " + pv.getSpec().getCsi().getVolumeHandle()
        + ")";
  }

  /** The claim bound to {@code pv}, when it still exists. */
  private Optional<PersistentVolumeClaim> claim(PersistentVolume pv) {
    ObjectReference ref = pv.getSpec().getClaimRef();
    if (ref == null || ref.getNamespace() == null || ref.getName() == null) return Optional.empty();
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ref.getNamespace())
        .withName(ref.getName()).get();
    if (claim == null || ref.getUid() != null && !ref.getUid().equals(claim.getMetadata().getUid())) {
      return Optional.empty();
    }
    return Optional.of(claim);
  }

  /**
   * The volumes of {@code t}: those carrying its labels, and, when it names claim namespaces, whose claim is or was
   * in one of them (another Velero install's restore of the same name labels its volumes alike).
   */
  private List<PersistentVolume> volumes(CleanupTarget t) {
    return client.persistentVolumes().withLabels(t.labels()).list().getItems().stream()
        .filter(pv -> t.claimNamespaces().isEmpty() || claimNamespace(pv).filter(t.claimNamespaces()::contains)
            .isPresent())
        .collect(Collectors.toList());
  }

  private static Optional<String> claimNamespace(PersistentVolume pv) {
    return Optional.ofNullable(pv.getSpec().getClaimRef()).map(ObjectReference::getNamespace);
  }

  /** Whether deleting {@code pv} waits for its storage to be released: it carries a reclaim finalizer. */
  private static boolean releasesStorageOnDelete(PersistentVolume pv) {
    return pv.getMetadata().getFinalizers().stream().anyMatch(RECLAIM_FINALIZERS::contains);
  }

  private boolean await(BooleanSupplier done, Instant deadline) {
    while (!done.getAsBoolean()) {
      if (!clock.instant().isBefore(deadline)) return false;
      Sleeper.sleep(pollInterval);
    }
    return true;
  }

  private List<StatusDetails> delete(CleanupTarget t) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        kind = client.genericKubernetesResources(t.apiVersion(), t.kind());
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
        Resource<GenericKubernetesResource>> objects = t.namespace().isPresent()
            ? kind.inNamespace(t.namespace().get()) : kind;
    return t.name().map(n -> objects.withName(n).delete()).orElseGet(() -> objects.withLabels(t.labels()).delete());
  }

  private static boolean isNamespace(CleanupTarget t) {
    return "v1".equals(t.apiVersion()) && "Namespace".equals(t.kind());
  }

  private static boolean isVolumes(CleanupTarget t) {
    return "v1".equals(t.apiVersion()) && "PersistentVolume".equals(t.kind()) && t.name().isEmpty();
  }
}
