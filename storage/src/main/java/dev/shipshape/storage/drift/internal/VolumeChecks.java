package dev.shipshape.storage.drift.internal;

import static dev.shipshape.storage.drift.internal.DriftIndex.pvRef;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.storage.drift.BackendVolume;
import dev.shipshape.storage.internal.Quantities;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Volumes on one side only, sizes that disagree, and PersistentVolumes of missing classes or drivers. */
final class VolumeChecks {
  private static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
  private static final BigInteger GIB = BigInteger.valueOf(1L << 30);
  private final DriftIndex index;
  private final DriftFindings out;
  private final String backend;

  VolumeChecks(DriftIndex index, DriftFindings out) {
    this.index = index;
    this.out = out;
    this.backend = index.backend.name();
  }

  void run() {
    for (BackendVolume volume : index.backend.volumes()) {
      if (!index.referencedHandles.contains(volume.id())) orphan(volume);
    }
    if (index.cluster.csiNodes().isEmpty() && !index.cluster.persistentVolumes().isEmpty()) {
      out.notes.add("CSI drivers not checked: the cluster has no CSINode, which shows the drivers registered on"
          + " each node");
    }
    for (PersistentVolume pv : index.cluster.persistentVolumes()) {
      classAndDriver(pv);
      if (!index.judged(pv)) continue;
      String handle = DriftIndex.handle(pv).orElse("");
      BackendVolume volume = index.volumesById.get(handle);
      if (volume == null) {
        missing(pv, handle);
      } else {
        sizes(pv, volume);
      }
    }
  }

  private String describe(BackendVolume v) {
    return backend + " volume " + v.id() + v.name().map(n -> " (" + n + ")").orElse("");
  }

  private void orphan(BackendVolume v) {
    Optional<String> createdFor = v.createdForVolume();
    // A volume attached to some instance without Kubernetes metadata is most likely a node's own disk.
    if (createdFor.isEmpty() && !v.attachedInstances().isEmpty()) return;
    String rule = "storage-orphaned-volume";
    String message = describe(v) + ", " + v.sizeGiB() + " GiB, " + v.state() + ": no PersistentVolume refers to it"
        + createdFor.map(pv -> "; it was created for PersistentVolume " + pv + ", which no longer exists")
            .orElse(" and it is attached nowhere")
        + "; its capacity leaks and is billed";
    out.add(rule, createdFor.isPresent() ? Severity.MEDIUM : Severity.LOW, List.of(), message,
        "check that no one needs its data (take a snapshot if unsure), then delete it in the backend");
    out.step(rule, describe(v), "review the data; delete the volume when nothing needs it", true,
        List.of(index.backend.showVolumeCommand(v.id()), index.backend.deleteVolumeCommand(v.id())));
  }

  private void missing(PersistentVolume pv, String handle) {
    String name = pv.getMetadata().getName();
    String rule = "storage-volume-missing";
    boolean bound = "Bound".equals(phase(pv));
    ResourceRef claim = claimOf(pv);
    out.add(rule, bound ? Severity.CRITICAL : Severity.HIGH, claim == null ? List.of(pvRef(name))
            : List.of(pvRef(name), claim), "PersistentVolume " + name + " refers to " + backend + " volume "
            + handle + ", which the backend does not have" + (bound ? "; claim " + claim.qualifiedName()
            + " is bound to it, and its pods cannot start or have lost their data" : ""),
        "check the volume handle against the backend (a typo or another project); if the volume is gone, restore"
            + " the data from a backup into a new claim, then delete this PersistentVolume");
    out.step(rule, "PersistentVolume " + name, "confirm the backend volume " + handle + " is gone, restore from"
        + " backup, then delete the PersistentVolume", true, List.of(Optional.of("kubectl get pv " + name
        + " -o yaml"), index.backend.showVolumeCommand(handle), Optional.of("kubectl delete pv " + name)));
  }

  private void sizes(PersistentVolume pv, BackendVolume volume) {
    String name = pv.getMetadata().getName();
    BigInteger capacity = capacity(pv);
    BigInteger backendBytes = BigInteger.valueOf(volume.sizeGiB()).multiply(GIB);
    String rule = "storage-size-mismatch";
    ResourceRef claimRef = claimOf(pv);
    PersistentVolumeClaim claim = claimRef == null ? null
        : index.claimsByKey.get(claimRef.namespace().orElse("") + "/" + claimRef.name());
    if (claim != null && boundTo(claim, pv) && capacity.signum() > 0) {
      BigInteger request = Quantities.bytes(claim.getSpec().getResources() == null ? null
          : claim.getSpec().getResources().getRequests().get("storage"));
      if (request.compareTo(capacity) > 0) {
        out.add(rule, Severity.MEDIUM, List.of(claimRef, pvRef(name)), "claim " + claimRef.qualifiedName()
            + " asks for " + gib(request) + " but PersistentVolume " + name + " has " + gib(capacity)
            + ": the expansion has not finished" + conditions(claim), "look at the claim's conditions and events;"
            + " the StorageClass must allow expansion and the CSI driver's resizer must run");
        out.step(rule, "PersistentVolumeClaim " + claimRef.qualifiedName(), "find why the expansion stalls",
            false, List.of(Optional.of("kubectl describe pvc -n " + claimRef.namespace().orElse("") + " "
                + claimRef.name())));
      }
    }
    if (capacity.signum() <= 0) return;
    if (backendBytes.compareTo(capacity) < 0) {
      out.add(rule, Severity.HIGH, List.of(pvRef(name)), "PersistentVolume " + name + " has " + gib(capacity)
          + " but " + describe(volume) + " is " + volume.sizeGiB() + " GiB: the backend expansion failed or was"
          + " undone, and the file system may fill up early", "expand the backend volume to the capacity"
          + " Kubernetes records, or find the failed expansion in the driver's logs");
      out.step(rule, describe(volume), "compare sizes and finish the expansion in the backend", false,
          List.of(index.backend.showVolumeCommand(volume.id())));
    } else if (backendBytes.compareTo(roundUpToGiB(capacity)) > 0) {
      out.add(rule, Severity.LOW, List.of(pvRef(name)), describe(volume) + " is " + volume.sizeGiB() + " GiB but"
          + " PersistentVolume " + name + " records " + gib(capacity) + ": it was grown outside Kubernetes",
          "expand the claim to the backend size so that Kubernetes and the file system use it");
      out.step(rule, "PersistentVolume " + name, "expand the claim to " + volume.sizeGiB() + "Gi", false,
          List.of(claimRef == null ? Optional.empty() : Optional.of("kubectl patch pvc -n "
              + claimRef.namespace().orElse("") + " " + claimRef.name() + " --type merge -p '{\"spec\":"
              + "{\"resources\":{\"requests\":{\"storage\":\"" + volume.sizeGiB() + "Gi\"}}}}'")));
    }
  }

  /**
   * A missing class matters only for a dynamically provisioned volume (annotation {@value #PROVISIONED_BY}): for a
   * statically provisioned one the class name only matches it to claims, and no StorageClass need exist
   * (<a href="https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class">Class</a>).
   */
  private void classAndDriver(PersistentVolume pv) {
    String name = pv.getMetadata().getName();
    String storageClass = pv.getSpec().getStorageClassName();
    Map<String, String> annotations = pv.getMetadata().getAnnotations();
    Optional<String> provisioner = Optional.ofNullable(annotations == null ? null : annotations.get(PROVISIONED_BY));
    if (storageClass != null && !storageClass.isEmpty() && !index.storageClasses.contains(storageClass)
        && provisioner.isPresent()) {
      out.add("storage-class-missing", Severity.MEDIUM, List.of(pvRef(name),
          ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", storageClass)), "PersistentVolume " + name
          + ", provisioned by " + provisioner.get() + ", is of StorageClass " + storageClass + ", which no longer"
          + " exists: its claim cannot be expanded, and new claims of that class stay Pending", "recreate the"
          + " StorageClass with its former provisioner and parameters, or migrate the data to a volume of an"
          + " existing class");
      out.step("storage-class-missing", "StorageClass " + storageClass, "recreate the class (its definition is"
          + " in the spec or in version control)", false, List.of(Optional.of("kubectl get pv " + name
          + " -o jsonpath='{.spec.csi.driver}'")));
    }
    DriftIndex.driver(pv).filter(this::driverMissing).ifPresent(driver -> {
      boolean hasObject = index.csiDrivers.contains(driver);
      out.add("storage-driver-missing", Severity.HIGH, List.of(pvRef(name),
          ResourceRef.clusterScoped("storage.k8s.io", "CSIDriver", driver)), "PersistentVolume " + name + " is of"
          + " CSI driver " + driver + ", which no node's CSINode lists" + (hasObject ? " (its CSIDriver object"
          + " remains)" : " and which has no CSIDriver object") + ": the driver's node plugin runs on no node,"
          + " so the volume cannot be mounted" + (hasObject ? "" : ", and the driver is probably uninstalled"),
          "reinstall the CSI driver " + driver + " (its node DaemonSet), or migrate the data before removing the"
          + " volume");
      out.step("storage-driver-missing", "CSI driver " + driver, "reinstall the driver's node plugin", false,
          List.of(Optional.of("kubectl get csinodes -o custom-columns=NODE:.metadata.name,"
              + "DRIVERS:.spec.drivers[*].name")));
    });
  }

  /**
   * A CSIDriver object is optional (<a href="https://kubernetes-csi.github.io/docs/csi-driver-object.html">CSIDriver
   * object</a>), so its absence proves nothing; a driver whose node plugin registered on no node, while kubelets
   * did register CSINodes, is missing.
   */
  private boolean driverMissing(String driver) {
    return !index.cluster.csiNodes().isEmpty() && !index.registeredDrivers.contains(driver);
  }

  /**
   * Whether the claim of the PersistentVolume's claimRef is the one bound to it, and not a claim of the same name
   * created since (a Released volume keeps the claimRef, with the uid, of its deleted claim): a new, larger claim
   * is no unfinished expansion of the old volume.
   */
  private static boolean boundTo(PersistentVolumeClaim claim, PersistentVolume pv) {
    String volumeName = claim.getSpec().getVolumeName();
    if (volumeName != null && !volumeName.equals(pv.getMetadata().getName())) return false;
    String refUid = pv.getSpec().getClaimRef().getUid();
    String uid = claim.getMetadata().getUid();
    return refUid == null || uid == null || refUid.equals(uid);
  }

  static String phase(PersistentVolume pv) {
    return pv.getStatus() == null || pv.getStatus().getPhase() == null ? "" : pv.getStatus().getPhase();
  }

  /** The claim a PersistentVolume is (or was) bound to, from its claimRef. */
  static ResourceRef claimOf(PersistentVolume pv) {
    var ref = pv.getSpec().getClaimRef();
    return ref == null || ref.getName() == null ? null : DriftIndex.claimRef(ref.getNamespace(), ref.getName());
  }

  private static BigInteger capacity(PersistentVolume pv) {
    return pv.getSpec().getCapacity() == null ? BigInteger.ONE.negate()
        : Quantities.bytes(pv.getSpec().getCapacity().get("storage"));
  }

  private static BigInteger roundUpToGiB(BigInteger bytes) {
    BigInteger[] division = bytes.divideAndRemainder(GIB);
    return (division[1].signum() == 0 ? division[0] : division[0].add(BigInteger.ONE)).multiply(GIB);
  }

  private static String gib(BigInteger bytes) {
    BigInteger[] division = bytes.divideAndRemainder(GIB);
    return division[1].signum() == 0 ? division[0] + "Gi" : bytes + " bytes";
  }

  private static String conditions(PersistentVolumeClaim claim) {
    if (claim.getStatus() == null || claim.getStatus().getConditions() == null
        || claim.getStatus().getConditions().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (conditions:");
    claim.getStatus().getConditions().forEach(c -> text.append(' ').append(c.getType())
        .append(c.getMessage() == null ? "" : ": " + c.getMessage()));
    return text.append(')').toString();
  }
}
