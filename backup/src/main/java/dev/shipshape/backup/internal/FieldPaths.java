package dev.shipshape.backup.internal;

/** Field paths of messages, written as the rest of the project writes them. */
final class FieldPaths {
  private FieldPaths() {}

  /**
   * The path of the entry {@code key} of the map at {@code field}: {@code spec.namespaceMapping.t1}, or
   * {@code spec.namespaceMapping[a.b]} when a dot in the key would read as one more level.
   */
  static String entry(String field, String key) {
    return key.indexOf('.') < 0 ? field + "." + key : field + "[" + key + "]";
  }
}
