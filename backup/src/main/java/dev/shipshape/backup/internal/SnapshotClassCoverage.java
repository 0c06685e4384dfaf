package dev.shipshape.backup.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Warns when a schedule snapshots claims whose CSI driver Velero cannot snapshot: with Velero's CSI support, each
 * volume's snapshot uses the driver's VolumeSnapshotClass labelled {@value #LABEL}{@code : "true"}; without one
 * (and without a VolumeSnapshotLocation for a volume snapshotter plugin) the volume's backup fails. Reads only the
 * compiled objects (StorageClasses, VolumeSnapshotClasses, claims), so any module or manifest may declare them.
 * Claims whose class is not in the spec are skipped: their driver is unknown.
 */
final class SnapshotClassCoverage {
  static final String LABEL = "velero.io/csi-volumesnapshot-class";

  private SnapshotClassCoverage() {}

  static void check(Template t, SpecContext context, List<Problem> problems) {
    if (t.snapshotVolumes().orElse(true).equals(false) || t.defaultVolumesToFsBackup().orElse(false)) return;
    if (!context.resources("velero.io", "VolumeSnapshotLocation").isEmpty()) return;
    Map<String, List<String[]>> uncovered = context.shared(SnapshotClassCoverage.class, SnapshotClassCoverage::index);
    NamespaceSelection selection = t.namespaces();
    Iterable<String> namespaces = selection.literalOnly() ? selection.literalIncludes() : uncovered.keySet();
    Map<String, List<String>> claimsByDriver = new LinkedHashMap<>();
    for (String namespace : namespaces) {
      if (!selection.covers(namespace)) continue;
      for (String[] claim : uncovered.getOrDefault(namespace, List.of())) {
        claimsByDriver.computeIfAbsent(claim[1], k -> new ArrayList<>()).add(claim[0]);
      }
    }
    claimsByDriver.forEach((driver, claims) -> problems.add(Problem.warning(t.ref, t.prefix + ".snapshotVolumes",
        "snapshots the volumes of " + String.join(", ", claims) + " (CSI driver " + driver + "), but no"
            + " VolumeSnapshotClass of that driver carries the label " + LABEL + ": \"true\" and the spec has no"
            + " VolumeSnapshotLocation; Velero cannot snapshot these volumes", "add a VolumeSnapshotClass of "
            + driver + " labelled " + LABEL + ": \"true\" (VolumeSnapshotClassSpec...veleroCsiSnapshotClass(true)),"
            + " a VolumeSnapshotLocation, or set defaultVolumesToFsBackup(true)")));
  }

  /**
   * The claims Velero could not snapshot, by namespace, as {@code [claim, driver]}: computed once per plan, so that
   * checking every schedule stays linear in the spec.
   */
  private static Map<String, List<String[]>> index(SpecContext context) {
    Map<String, String> drivers = driversByClass(context);
    Set<String> veleroDrivers = veleroDrivers(context);
    Map<String, List<String[]>> uncovered = new LinkedHashMap<>();
    for (Map.Entry<String, PersistentVolumeClaimSpec> claim : claims(context).entrySet()) {
      String namespace = claim.getKey().substring(0, claim.getKey().indexOf('/'));
      String className = Optional.ofNullable(claim.getValue().getStorageClassName()).orElse(drivers.get(""));
      String driver = className == null ? null : drivers.get(className);
      if (driver == null || veleroDrivers.contains(driver)) continue;
      uncovered.computeIfAbsent(namespace, k -> new ArrayList<>()).add(new String[] {claim.getKey(), driver});
    }
    return uncovered;
  }

  /** The provisioner of each StorageClass by its name, and under the empty key the default class's name. */
  private static Map<String, String> driversByClass(SpecContext context) {
    Map<String, String> drivers = new LinkedHashMap<>();
    for (HasMetadata storageClass : context.resources("storage.k8s.io", "StorageClass")) {
      String provisioner = Manifests.toTree(storageClass).path("provisioner").asText();
      drivers.put(storageClass.getMetadata().getName(), provisioner);
      Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
      if (annotations != null && "true".equals(annotations.get("storageclass.kubernetes.io/is-default-class"))) {
        drivers.put("", storageClass.getMetadata().getName());
      }
    }
    return drivers;
  }

  /** The drivers that have a VolumeSnapshotClass labelled for Velero. */
  private static Set<String> veleroDrivers(SpecContext context) {
    Set<String> drivers = new HashSet<>();
    for (HasMetadata snapshotClass : context.resources("snapshot.storage.k8s.io", "VolumeSnapshotClass")) {
      Map<String, String> labels = snapshotClass.getMetadata().getLabels();
      if (labels != null && "true".equals(labels.get(LABEL))) {
        drivers.add(Manifests.toTree(snapshotClass).path("driver").asText());
      }
    }
    return drivers;
  }

  /** Claims and StatefulSet claim templates, as {@code namespace/name} to their spec. */
  private static Map<String, PersistentVolumeClaimSpec> claims(SpecContext context) {
    Map<String, PersistentVolumeClaimSpec> claims = new LinkedHashMap<>();
    for (PersistentVolumeClaim pvc : context.resources(PersistentVolumeClaim.class)) {
      if (pvc.getSpec() != null) {
        claims.put(pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName(), pvc.getSpec());
      }
    }
    for (HasMetadata object : context.resources("apps", "StatefulSet")) {
      StatefulSet set = Typed.as(object, StatefulSet.class);
      if (set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null) continue;
      for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
        if (template.getSpec() == null) continue;
        claims.put(object.getMetadata().getNamespace() + "/" + template.getMetadata().getName() + " of StatefulSet "
            + object.getMetadata().getName(), template.getSpec());
      }
    }
    return claims;
  }
}
