package dev.shipshape.storage.drift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws ec2 describe-volumes} ({@code {"Volumes": [...]}}) and {@code aws ec2 describe-snapshots}
 * ({@code {"Snapshots": [...]}}), with the EC2 API's field names. An attachment counts while its state is
 * {@code attaching} or {@code attached}; the {@code Name} tag is the name; tags are the metadata.
 */
final class AwsFormat {
  private static final Set<String> ATTACHED = Set.of("attaching", "attached");
  private final InventoryReader reader;
  private final String file;

  AwsFormat(InventoryReader reader, String file) {
    this.reader = reader;
    this.file = file;
  }

  void read(JsonNode root) {
    if (!root.isObject() || !(root.has("Volumes") || root.has("Snapshots"))) {
      reader.problems.add(file + ": has neither \"Volumes\" nor \"Snapshots\" — export with 'aws ec2"
          + " describe-volumes' or 'aws ec2 describe-snapshots --owner-ids self' (JSON output)");
      return;
    }
    int i = 0;
    for (JsonNode volume : root.path("Volumes")) volume(volume, file + " Volumes[" + i++ + "]");
    i = 0;
    for (JsonNode snapshot : root.path("Snapshots")) snapshot(snapshot, file + " Snapshots[" + i++ + "]");
  }

  private void volume(JsonNode node, String where) {
    String id = reader.text(node, "VolumeId", where);
    long size = reader.number(node, "Size", where);
    String state = reader.text(node, "State", where);
    if (id == null || size < 0 || state == null) return;
    BackendVolume.Builder volume = BackendVolume.builder().id(id).sizeGiB(size).state(state);
    for (JsonNode attachment : node.path("Attachments")) {
      if (ATTACHED.contains(attachment.path("State").asText(""))) {
        volume.addAttachedInstances(attachment.path("InstanceId").asText());
      }
    }
    for (JsonNode tag : node.path("Tags")) volume.putMetadata(tag.path("Key").asText(), tag.path("Value").asText());
    volume.name(nameTag(node));
    reader.volumes.add(volume.build());
  }

  private void snapshot(JsonNode node, String where) {
    String id = reader.text(node, "SnapshotId", where);
    long size = reader.number(node, "VolumeSize", where);
    String state = reader.text(node, "State", where);
    if (id == null || size < 0 || state == null) return;
    BackendSnapshot.Builder snapshot = BackendSnapshot.builder().id(id).sizeGiB(size).state(state)
        .name(nameTag(node));
    String volume = node.path("VolumeId").asText("");
    if (!volume.isEmpty()) snapshot.volumeId(volume);
    for (JsonNode tag : node.path("Tags")) {
      snapshot.putMetadata(tag.path("Key").asText(), tag.path("Value").asText());
    }
    reader.snapshots.add(snapshot.build());
  }

  private static Optional<String> nameTag(JsonNode node) {
    for (JsonNode tag : node.path("Tags")) {
      if (tag.path("Key").asText().equals("Name")) return Optional.of(tag.path("Value").asText());
    }
    return Optional.empty();
  }
}
