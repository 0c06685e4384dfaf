package dev.shipshape.backup.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Velero Restore: recreates objects (and volumes) from a Backup. */
@Group("velero.io")
@Version("v1")
@Plural("restores")
public class Restore extends CustomResource<RestoreSpec, RestoreStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;
}
