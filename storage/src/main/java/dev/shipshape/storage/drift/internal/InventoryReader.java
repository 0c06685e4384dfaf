package dev.shipshape.storage.drift.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;
import dev.shipshape.storage.drift.InventoryException;
import dev.shipshape.storage.drift.InventoryFormat;
import dev.shipshape.storage.drift.StorageBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads inventory files of the built-in formats into a {@link StorageBackend}, collecting every problem. */
public final class InventoryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One inventory document and where it came from. */
  public static final class Source {
    final String name;
    final String json;

    public Source(String name, String json) {
      this.name = name;
      this.json = json;
    }
  }

  private final InventoryFormat format;
  final List<String> problems = new ArrayList<>();
  final List<BackendVolume> volumes = new ArrayList<>();
  final List<BackendSnapshot> snapshots = new ArrayList<>();
  final Set<String> drivers = new LinkedHashSet<>();

  private InventoryReader(InventoryFormat format) {
    this.format = format;
    drivers.addAll(format.drivers());
  }

  public static StorageBackend read(InventoryFormat format, List<Path> files) {
    List<Source> sources = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Path file : files) {
      try {
        sources.add(new Source(file.toString(), Files.readString(file)));
      } catch (IOException e) {
        unreadable.add(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      }
    }
    if (!unreadable.isEmpty()) throw new InventoryException(String.join(System.lineSeparator(), unreadable));
    return parse(format, sources);
  }

  public static StorageBackend parse(InventoryFormat format, List<Source> sources) {
    InventoryReader reader = new InventoryReader(format);
    for (Source source : sources) reader.parse(source);
    if (format == InventoryFormat.GENERIC && reader.drivers.isEmpty() && reader.problems.isEmpty()) {
      reader.problems.add("generic inventory: no file lists \"drivers\" — name the CSI drivers whose volumes the"
          + " inventory holds, such as \"drivers\": [\"csi.example.com\"]");
    }
    if (!reader.problems.isEmpty()) {
      throw new InventoryException("the " + format.name().toLowerCase(java.util.Locale.ROOT) + " inventory has "
          + reader.problems.size() + (reader.problems.size() == 1 ? " problem:" : " problems:")
          + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", reader.problems));
    }
    return new FileBackend(format, reader.drivers, reader.volumes, reader.snapshots);
  }

  private void parse(Source source) {
    JsonNode root;
    try {
      root = JSON.readTree(source.json);
    } catch (JsonProcessingException e) {
      problems.add(source.name + ": not JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ") — export with the CLI's JSON output, such as -f json or --output json");
      return;
    }
    if (root == null || root.isMissingNode()) {
      problems.add(source.name + ": is empty — export the inventory again");
      return;
    }
    switch (format) {
      case OPENSTACK:
        new CinderFormat(this, source.name).read(root);
        break;
      case AWS:
        new AwsFormat(this, source.name).read(root);
        break;
      default:
        new GenericFormat(this, source.name).read(root);
    }
  }

  /** A required text field; records a problem and returns null when it is missing. */
  String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isEmpty()) {
      problems.add(where + ": has no \"" + field + "\"");
      return null;
    }
    return value.asText();
  }

  /** A required whole number field; records a problem and returns -1 when it is missing or not a number. */
  long number(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !(value.isIntegralNumber() || value.isTextual() && value.asText().matches("[0-9]+"))) {
      problems.add(where + ": \"" + field + "\" is " + (value == null ? "missing" : value.toString())
          + ", not a whole number of GiB");
      return -1;
    }
    return value.asLong();
  }
}
