package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Schedules that snapshot claims whose CSI driver has no VolumeSnapshotClass labelled for Velero. */
class SnapshotClassCoverageTest {
  private static final String WARNING = "WARNING [t1-daily] Schedule.velero.io velero/t1-daily"
      + " spec.template.snapshotVolumes: snapshots the volumes of t1/data (CSI driver cinder.csi.openstack.org), but"
      + " no VolumeSnapshotClass of that driver carries the label velero.io/csi-volumesnapshot-class: \"true\" and"
      + " the spec has no VolumeSnapshotLocation; Velero cannot snapshot these volumes — add a VolumeSnapshotClass"
      + " of cinder.csi.openstack.org labelled velero.io/csi-volumesnapshot-class: \"true\""
      + " (VolumeSnapshotClassSpec...veleroCsiSnapshotClass(true)), a VolumeSnapshotLocation, or set"
      + " defaultVolumesToFsBackup(true)";

  private static HasMetadata storageClass() {
    return TestManifests.object("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\n"
        + "  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\n"
        + "provisioner: cinder.csi.openstack.org\n");
  }

  private static HasMetadata snapshotClass(String label) {
    return TestManifests.object("apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n"
        + "  name: cinder-snapshots\n  labels:\n    velero.io/csi-volumesnapshot-class: \"" + label + "\"\n"
        + "driver: cinder.csi.openstack.org\ndeletionPolicy: Delete\n");
  }

  private static ClusterSpec.Builder spec(VeleroSchedule.Builder schedule, HasMetadata... more) {
    return Fixtures.tenantSpec().resource(Fixtures.pvc("t1", "data"), storageClass()).resource(more)
        .component(schedule.build());
  }

  private static java.util.List<String> coverage(ClusterSpec spec) {
    return problems(spec).stream().filter(p -> p.contains("snapshotVolumes")).collect(Collectors.toList());
  }

  @Test
  void claimsOfADriverWithoutAVeleroClassAreAWarning() {
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1")).build())).containsExactly(WARNING);
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1"), snapshotClass("false")).build()))
        .containsExactly(WARNING);
  }

  @Test
  void aLabelledClassALocationOrFileSystemBackupsSettleIt() {
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1"), snapshotClass("true")).build()))
        .isEmpty();
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1")).component(
        VolumeSnapshotLocation.builder().name("cinder").provider("openstack").build()).build())).isEmpty();
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1").defaultVolumesToFsBackup(true))
        .build())).isEmpty();
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("t1").snapshotVolumes(false)).build()))
        .isEmpty();
  }

  @Test
  void schedulesOfOtherNamespacesAreNotConcerned() {
    assertThat(coverage(spec(VeleroSchedule.daily("t1-daily").namespaces("velero")).build())).isEmpty();
  }
}
