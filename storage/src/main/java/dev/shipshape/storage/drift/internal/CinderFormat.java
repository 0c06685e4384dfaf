package dev.shipshape.storage.drift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;
import java.util.Optional;

/**
 * {@code openstack volume list --long -f json} and {@code openstack volume snapshot list [--long] -f json}: arrays
 * of rows keyed by the column headers. A row with {@code Attached to} is a volume (the column is in both the short
 * and the long volume list), any other row a snapshot. With {@code -f json}, {@code Attached to} holds Cinder's
 * attachment objects (with {@code server_id}) and {@code Properties} the metadata object.
 */
final class CinderFormat {
  private final InventoryReader reader;
  private final String file;

  CinderFormat(InventoryReader reader, String file) {
    this.reader = reader;
    this.file = file;
  }

  void read(JsonNode root) {
    if (!root.isArray()) {
      reader.problems.add(file + ": is not a JSON array — export with 'openstack volume list --long -f json'"
          + " or 'openstack volume snapshot list --long -f json'");
      return;
    }
    int i = 0;
    for (JsonNode row : root) {
      String where = file + " [" + i++ + "]";
      if (row.has("Attached to")) {
        volume(row, where);
      } else {
        snapshot(row, where);
      }
    }
  }

  private void volume(JsonNode row, String where) {
    String id = reader.text(row, "ID", where);
    long size = reader.number(row, "Size", where);
    String status = reader.text(row, "Status", where);
    JsonNode attachments = row.get("Attached to");
    if (!attachments.isArray()) {
      reader.problems.add(where + ": \"Attached to\" is " + attachments + ", not a list of attachments — export with"
          + " -f json, not the table or value formats");
      return;
    }
    if (id == null || size < 0 || status == null) return;
    BackendVolume.Builder volume = BackendVolume.builder().id(id).name(name(row)).sizeGiB(size).state(status);
    for (JsonNode attachment : attachments) {
      String server = attachment.path("server_id").asText("");
      if (!server.isEmpty()) volume.addAttachedInstances(server);
    }
    row.path("Properties").fields().forEachRemaining(e -> volume.putMetadata(e.getKey(), e.getValue().asText()));
    reader.volumes.add(volume.build());
  }

  private void snapshot(JsonNode row, String where) {
    String id = reader.text(row, "ID", where);
    long size = reader.number(row, "Size", where);
    String status = reader.text(row, "Status", where);
    if (id == null || size < 0 || status == null) return;
    BackendSnapshot.Builder snapshot = BackendSnapshot.builder().id(id).name(name(row)).sizeGiB(size)
        .state(status);
    String volume = row.path("Volume").asText("");
    if (!volume.isEmpty()) snapshot.volumeId(volume);
    row.path("Properties").fields().forEachRemaining(e -> snapshot.putMetadata(e.getKey(), e.getValue().asText()));
    reader.snapshots.add(snapshot.build());
  }

  private static Optional<String> name(JsonNode row) {
    String name = row.path("Name").asText("");
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }
}
