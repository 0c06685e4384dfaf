package dev.shipshape.backup;

import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  /** The longest label value the API server takes; Velero shortens longer names it puts in labels. */
  public static final int MAX_LABEL_VALUE = 63;

  private Velero() {}

  /** The required CRD of one of Velero's kinds, such as {@code Schedule}. */
  public static RequiredCrd crd(String kind) {
    return CRDS.stream().filter(c -> c.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Velero has no kind " + kind + " in " + CRDS));
  }

  /**
   * The value Velero gives its name labels (such as {@link #RESTORE_NAME_LABEL}) for an object's name: the name
   * when it fits a label value (63 characters), else its first 57 characters and the first 6 hexadecimal digits
   * of its SHA-256 hash.
   */
  public static String labelValue(String name) {
    if (name.length() <= MAX_LABEL_VALUE) return name;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return name.substring(0, MAX_LABEL_VALUE - 6) + HexFormat.of().formatHex(hash).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The reference of a Velero object of this kind. */
  public static ResourceRef ref(String kind, String namespace, String name) {
    return ResourceRef.namespaced(GROUP, kind, namespace, name);
  }
}
