package dev.shipshape.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/**
 * A StorageClass's provisioner, parameters, reclaim policy and binding mode cannot change on a live class: the
 * apply refuses before its first write, naming the fields the server forbids to update.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ImmutableClassFieldsOnRealServerTest {
  private static final String NAME = "storage-immutable-fields";

  private static ClusterSpec spec(StorageClassSpec storageClass) {
    return ClusterSpec.builder().name("storage-immutable").component(storageClass).build();
  }

  @Test
  void changingAnImmutableFieldOfALiveClassIsRefusedBeforeAnyWrite(KubernetesClient client) {
    StorageClassSpec.Builder fast = StorageClassSpec.builder().name(NAME).provisioner("cinder.csi.openstack.org")
        .putParameters("type", "ssd").allowVolumeExpansion(false);
    KubernetesExecutor executor = KubernetesExecutor.using(client);
    try {
      ApplyReport first = executor.apply(spec(fast.build()).plan(), ApplyOptions.defaults());
      assertThat(first.isSuccess()).as(first.toText()).isTrue();
      // allowVolumeExpansion may change; the other fields may not, and the change of one rides along.
      StorageClassSpec changed = StorageClassSpec.builder().from(fast.build()).putParameters("type", "high-speed")
          .reclaimPolicy(ReclaimPolicy.RETAIN).volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER)
          .allowVolumeExpansion(true).build();
      assertThatThrownBy(() -> executor.apply(spec(changed).plan(), ApplyOptions.defaults()))
          .isInstanceOf(PreflightException.class)
          .hasMessageContaining("StorageClass.storage.k8s.io " + NAME)
          .hasMessageContaining("updates to parameters are forbidden")
          .hasMessageContaining("updates to reclaimPolicy are forbidden")
          .hasMessageContaining("volumeBindingMode")
          .hasMessageContaining("delete the object and apply again to create it anew");
      StorageClass live = client.storage().v1().storageClasses().withName(NAME).get();
      assertThat(live.getParameters()).containsEntry("type", "ssd");
      assertThat(live.getAllowVolumeExpansion()).isFalse();
    } finally {
      client.storage().v1().storageClasses().withName(NAME).delete();
    }
  }
}
