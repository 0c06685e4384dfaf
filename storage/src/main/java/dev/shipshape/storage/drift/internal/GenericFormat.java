package dev.shipshape.storage.drift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;

/** The generic format documented in {@code InventoryFormat.GENERIC}. */
final class GenericFormat {
  private final InventoryReader reader;
  private final String file;

  GenericFormat(InventoryReader reader, String file) {
    this.reader = reader;
    this.file = file;
  }

  void read(JsonNode root) {
    if (!root.isObject() || !(root.has("volumes") || root.has("snapshots"))) {
      reader.problems.add(file + ": has neither \"volumes\" nor \"snapshots\" — write {\"drivers\": [...],"
          + " \"volumes\": [...], \"snapshots\": [...]}");
      return;
    }
    root.path("drivers").forEach(d -> reader.drivers.add(d.asText()));
    int i = 0;
    for (JsonNode node : root.path("volumes")) {
      String where = file + " volumes[" + i++ + "]";
      String id = reader.text(node, "id", where);
      long size = reader.number(node, "sizeGiB", where);
      String state = reader.text(node, "state", where);
      if (id == null || size < 0 || state == null) continue;
      BackendVolume.Builder volume = BackendVolume.builder().id(id).sizeGiB(size).state(state);
      if (node.hasNonNull("name")) volume.name(node.get("name").asText());
      node.path("attachedTo").forEach(a -> volume.addAttachedInstances(a.asText()));
      node.path("metadata").fields().forEachRemaining(e -> volume.putMetadata(e.getKey(), e.getValue().asText()));
      reader.volumes.add(volume.build());
    }
    i = 0;
    for (JsonNode node : root.path("snapshots")) {
      String where = file + " snapshots[" + i++ + "]";
      String id = reader.text(node, "id", where);
      long size = reader.number(node, "sizeGiB", where);
      String state = reader.text(node, "state", where);
      if (id == null || size < 0 || state == null) continue;
      BackendSnapshot.Builder snapshot = BackendSnapshot.builder().id(id).sizeGiB(size).state(state);
      if (node.hasNonNull("name")) snapshot.name(node.get("name").asText());
      if (node.hasNonNull("volumeId")) snapshot.volumeId(node.get("volumeId").asText());
      node.path("metadata").fields().forEachRemaining(e -> snapshot.putMetadata(e.getKey(), e.getValue().asText()));
      reader.snapshots.add(snapshot.build());
    }
  }
}
