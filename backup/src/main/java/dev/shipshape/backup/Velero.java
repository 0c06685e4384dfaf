package dev.shipshape.backup;

import dev.shipshape.core.ResourceRef;

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

  private Velero() {}

  /** The reference of a Velero object of this kind. */
  public static ResourceRef ref(String kind, String namespace, String name) {
    return ResourceRef.namespaced(GROUP, kind, namespace, name);
  }
}
