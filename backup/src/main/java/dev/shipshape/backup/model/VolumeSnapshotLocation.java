package dev.shipshape.backup.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Velero VolumeSnapshotLocation: where a volume snapshotter plugin takes snapshots. */
@Group("velero.io")
@Version("v1")
@Plural("volumesnapshotlocations")
public class VolumeSnapshotLocation extends CustomResource<VolumeSnapshotLocationSpec, VolumeSnapshotLocationStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}
