package dev.shipshape.storage.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryParsingTest {

  static Path sample(String name) {
    try {
      return Path.of(InventoryParsingTest.class.getResource("/inventories/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsOpenStackVolumeAndSnapshotLists() {
    StorageBackend cinder = Inventories.read(InventoryFormat.OPENSTACK,
        List.of(sample("openstack-volumes.json"), sample("openstack-snapshots.json")));
    assertThat(cinder.name()).isEqualTo("openstack");
    assertThat(cinder.drivers()).containsExactly("cinder.csi.openstack.org");
    assertThat(cinder.volumes()).containsExactly(
        BackendVolume.builder().id("6c1a3f0e-9b1d-4c55-8f7a-2d1e3c4b5a60")
            .name("pvc-0b5e2c1a-7d4f-4a8e-9c3b-1f2e3d4c5b6a").sizeGiB(20).state("in-use")
            .addAttachedInstances("8e0d5b0c-1111-4a2b-9c3d-4e5f6a7b8c9d")
            .putMetadata("cinder.csi.openstack.org/cluster", "kubernetes")
            .putMetadata("csi.storage.k8s.io/pv/name", "pvc-0b5e2c1a-7d4f-4a8e-9c3b-1f2e3d4c5b6a")
            .putMetadata("csi.storage.k8s.io/pvc/name", "orders-db")
            .putMetadata("csi.storage.k8s.io/pvc/namespace", "shop").build(),
        BackendVolume.builder().id("d2f4a6b8-2222-4c3d-8e9f-0a1b2c3d4e5f").sizeGiB(10).state("available").build());
    assertThat(cinder.volumes().get(0).createdForVolume()).hasValue("pvc-0b5e2c1a-7d4f-4a8e-9c3b-1f2e3d4c5b6a");
    assertThat(cinder.snapshots()).containsExactly(BackendSnapshot.builder()
        .id("f0e1d2c3-3333-4b4a-9a8b-7c6d5e4f3a2b").name("snapshot-5d1c9e2a-8b7f-4e6d-a5c4-b3a2918f7e6d")
        .volumeId("6c1a3f0e-9b1d-4c55-8f7a-2d1e3c4b5a60").sizeGiB(20).state("available")
        .putMetadata("csi.storage.k8s.io/volumesnapshot/name", "orders-db-before-v2")
        .putMetadata("csi.storage.k8s.io/volumesnapshot/namespace", "shop").build());
    assertThat(cinder.deleteVolumeCommand("x")).hasValue("openstack volume delete x");
    assertThat(cinder.detachVolumeCommand("v", "s")).hasValue("openstack server remove volume s v");
  }

  @Test
  void readsAwsDescribeVolumesAndSnapshots() {
    StorageBackend ebs = Inventories.read(InventoryFormat.AWS,
        List.of(sample("aws-volumes.json"), sample("aws-snapshots.json")));
    assertThat(ebs.drivers()).containsExactly("ebs.csi.aws.com");
    assertThat(ebs.volumes()).hasSize(2);
    BackendVolume first = ebs.volumes().get(0);
    assertThat(first.id()).isEqualTo("vol-0123456789abcdef0");
    assertThat(first.name()).hasValue("prod-dynamic-pvc-7a6b5c4d");
    assertThat(first.sizeGiB()).isEqualTo(20);
    assertThat(first.attachedInstances()).containsExactly("i-0abc1234def567890");
    assertThat(first.createdForVolume()).hasValue("pvc-7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d");
    // A detaching attachment no longer counts.
    assertThat(ebs.volumes().get(1).attachedInstances()).isEmpty();
    assertThat(ebs.snapshots()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("snap-0a1b2c3d4e5f67890");
      assertThat(s.volumeId()).hasValue("vol-0123456789abcdef0");
      assertThat(s.sizeGiB()).isEqualTo(20);
      assertThat(s.state()).isEqualTo("completed");
    });
    assertThat(ebs.deleteVolumeCommand("vol-1")).hasValue("aws ec2 delete-volume --volume-id vol-1");
  }

  @Test
  void readsTheGenericFormat() {
    StorageBackend generic = Inventories.read(InventoryFormat.GENERIC, List.of(sample("generic.json")));
    assertThat(generic.drivers()).containsExactly("csi.example.com");
    assertThat(generic.volumes()).containsExactly(BackendVolume.builder().id("v-1").name("data").sizeGiB(10)
        .state("in-use").addAttachedInstances("instance-1").putAllMetadata(Map.of("csi.storage.k8s.io/pv/name",
            "pvc-1")).build());
    assertThat(generic.snapshots()).containsExactly(BackendSnapshot.builder().id("s-1").volumeId("v-1")
        .sizeGiB(10).state("available").build());
    assertThat(generic.deleteVolumeCommand("v-1")).isEmpty();
  }

  @Test
  void everyProblemOfAnInventoryIsReportedAtOnce() {
    assertThatThrownBy(() -> Inventories.parse(InventoryFormat.OPENSTACK, "volumes.json",
        "[{\"ID\": \"a\", \"Status\": \"in-use\", \"Size\": \"big\", \"Attached to\": []},"
            + " {\"Name\": \"x\", \"Status\": \"available\", \"Size\": 1, \"Attached to\": \"Attached to vm on /dev/vdb\"}]"))
        .isInstanceOf(InventoryException.class)
        .hasMessage(String.join(System.lineSeparator(), "the openstack inventory has 3 problems:",
            "  volumes.json [0]: \"Size\" is \"big\", not a whole number of GiB",
            "  volumes.json [1]: has no \"ID\"",
            "  volumes.json [1]: \"Attached to\" is \"Attached to vm on /dev/vdb\", not a list of attachments —"
                + " export with -f json, not the table or value formats"));
  }

  @Test
  void wrongShapesAreNamed() {
    assertThatThrownBy(() -> Inventories.parse(InventoryFormat.OPENSTACK, "v.json", "{\"Volumes\": []}"))
        .hasMessageContaining("v.json: is not a JSON array — export with 'openstack volume list --long -f json'");
    assertThatThrownBy(() -> Inventories.parse(InventoryFormat.AWS, "v.json", "[]"))
        .hasMessageContaining("v.json: has neither \"Volumes\" nor \"Snapshots\"");
    assertThatThrownBy(() -> Inventories.parse(InventoryFormat.GENERIC, "g.json", "{\"volumes\": []}"))
        .hasMessageContaining("generic inventory: no file lists \"drivers\"");
    assertThatThrownBy(() -> Inventories.parse(InventoryFormat.AWS, "v.json", "{\"Volumes\": [}"))
        .hasMessageContaining("v.json: not JSON (");
    assertThatThrownBy(() -> Inventories.read(InventoryFormat.AWS, List.of(Path.of("no-such-file.json"))))
        .hasMessageStartingWith("no-such-file.json: cannot be read (NoSuchFileException");
  }

  @Test
  void formatNamesParse() {
    assertThat(InventoryFormat.parse("OpenStack")).isEqualTo(InventoryFormat.OPENSTACK);
    assertThatThrownBy(() -> InventoryFormat.parse("gcp"))
        .hasMessage("unknown inventory format 'gcp'; use openstack, aws or generic");
  }
}
