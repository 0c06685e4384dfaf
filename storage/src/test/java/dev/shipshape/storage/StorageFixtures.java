package dev.shipshape.storage;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.TestManifests;
import java.util.List;
import java.util.stream.Collectors;

/** Storage declarations of a small shop spec, and the problems of a spec as text. */
final class StorageFixtures {
  static final String CINDER = "cinder.csi.openstack.org";

  private StorageFixtures() {}

  static StorageClassSpec.Builder highSpeed() {
    return StorageClassSpec.builder().name("csi-cinder-high-speed").provisioner(CINDER)
        .putParameters("type", "high-speed").reclaimPolicy(ReclaimPolicy.RETAIN)
        .volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER).allowVolumeExpansion(true)
        .addSupportedAccessModes(VolumeAccessMode.READ_WRITE_ONCE, VolumeAccessMode.READ_WRITE_ONCE_POD);
  }

  static VolumeSnapshotClassSpec.Builder cinderSnapshots() {
    return VolumeSnapshotClassSpec.builder().name("csi-cinder-snapclass").driver(CINDER)
        .putParameters("force-create", "true");
  }

  static VolumeClaimSpec.Builder ordersDb() {
    return VolumeClaimSpec.builder().namespace("shop").name("orders-db").size("20Gi")
        .storageClass("csi-cinder-high-speed");
  }

  /** Namespace shop and the snapshot CRDs pre-existing; add more with {@code component(...)}. */
  static ClusterSpec.Builder bare() {
    return ClusterSpec.builder().name("prod").resource(TestManifests.namespace("shop"))
        .preExistingResource(VolumeSnapshotSpec.snapshotCrds().toArray(ResourceRef[]::new));
  }

  /** {@link #bare()} and the high-speed class. */
  static ClusterSpec.Builder shop() {
    return bare().component(highSpeed().build());
  }

  /** Every problem of the spec: the errors and warnings of its exception, or the warnings of its plan. */
  static List<String> problems(ClusterSpec spec) {
    try {
      return spec.plan().warnings().stream().map(Problem::toString).collect(Collectors.toList());
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }

  /** The problems of a value whose builder rejects it. */
  static List<String> builderProblems(Runnable build) {
    try {
      build.run();
      return List.of();
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }
}
