package dev.shipshape.storage.drift;

import dev.shipshape.storage.drift.internal.InventoryReader;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in {@link StorageBackend}s: inventories exported with the cloud's own CLI (see {@link InventoryFormat}
 * for the commands and formats). The files are read once, when this method is called.
 *
 * <pre>{@code
 * StorageBackend cinder = Inventories.read(InventoryFormat.OPENSTACK,
 *     List.of(Path.of("volumes.json"), Path.of("snapshots.json")));
 * }</pre>
 */
public final class Inventories {
  private Inventories() {}

  /**
   * Reads inventory files of one format; each file holds volumes, snapshots or (generic) both.
   *
   * @throws InventoryException naming the file and what is wrong with it
   */
  public static StorageBackend read(InventoryFormat format, List<Path> files) {
    return InventoryReader.read(format, files);
  }

  /** Parses inventory text of one format, such as a test sample; {@code source} names it in errors. */
  public static StorageBackend parse(InventoryFormat format, String source, String json) {
    return InventoryReader.parse(format, List.of(new InventoryReader.Source(source, json)));
  }
}
