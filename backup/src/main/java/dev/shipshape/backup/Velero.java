package dev.shipshape.backup;

import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import java.util.List;

/** Names Velero uses: its API group, version, default namespace and the labels it puts on backups. */
public final class Velero {
  /** The API group of Velero's custom resources. */
  public static final String GROUP = "velero.io";
  /** The {@code apiVersion} of the objects this module writes. */
  public static final String API_VERSION = "velero.io/v1";
  /** The namespace Velero is installed in unless told otherwise. */
  public static final String DEFAULT_NAMESPACE = "velero";
  /** The label Velero puts on each Backup that a Schedule made, with the schedule's name. */
  public static final String SCHEDULE_NAME_LABEL = "velero.io/schedule-name";
  /** The label Velero puts on every object a Restore created, with the restore's name. */
  public static final String RESTORE_NAME_LABEL = "velero.io/restore-name";

  /** Velero's CRDs that this module's objects need, each serving {@code v1}. */
  public static final List<RequiredCrd> CRDS = List.of(
      RequiredCrd.of(GROUP, "Backup", "backups", "v1"),
      RequiredCrd.of(GROUP, "Schedule", "schedules", "v1"),
      RequiredCrd.of(GROUP, "Restore", "restores", "v1"),
      RequiredCrd.of(GROUP, "BackupStorageLocation", "backupstoragelocations", "v1"),
      RequiredCrd.of(GROUP, "VolumeSnapshotLocation", "volumesnapshotlocations", "v1"));
  /** How to install Velero's CRDs, for findings about missing ones. */
  public static final String INSTALL = "install Velero (velero install, or its Helm chart), which installs its CRDs";

  private Velero() {}

  /** The required CRD of one of Velero's kinds, such as {@code Schedule}. */
  public static RequiredCrd crd(String kind) {
    return CRDS.stream().filter(c -> c.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Velero has no kind " + kind + " in " + CRDS));
  }

  /** The reference of a Velero object of this kind. */
  public static ResourceRef ref(String kind, String namespace, String name) {
    return ResourceRef.namespaced(GROUP, kind, namespace, name);
  }
}
