package dev.shipshape.backup.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Velero Backup: one backup of (part of) the cluster, on demand or made by a Schedule. */
@Group("velero.io")
@Version("v1")
@Plural("backups")
public class Backup extends CustomResource<BackupSpec, BackupStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
}
