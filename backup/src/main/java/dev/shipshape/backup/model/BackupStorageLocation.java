package dev.shipshape.backup.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Velero BackupStorageLocation: the object store (bucket and prefix) backups are written to. */
@Group("velero.io")
@Version("v1")
@Plural("backupstoragelocations")
public class BackupStorageLocation extends CustomResource<BackupStorageLocationSpec, BackupStorageLocationStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}
