package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small readers over Jackson trees, tolerant of absent fields. */
public final class Json {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Json() {}

  /** A map of strings from an object node; empty when absent. */
  public static Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) return Collections.emptyMap();
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return map;
  }

  /** The elements of an array node; empty when absent. */
  public static List<JsonNode> list(JsonNode node) {
    if (!node.isArray()) return Collections.emptyList();
    List<JsonNode> list = new ArrayList<>();
    node.forEach(list::add);
    return list;
  }

  /** The texts of an array node; empty when absent. */
  public static List<String> strings(JsonNode node) {
    List<String> list = new ArrayList<>();
    for (JsonNode n : list(node)) list.add(n.asText());
    return list;
  }

  /** A text field, or the empty string. */
  public static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : "";
  }

  /** A stable serialization with keys sorted, to compare trees for equality. */
  public static String canonical(JsonNode node) {
    try {
      Object plain = CANONICAL.treeToValue(node, Object.class);
      return CANONICAL.writeValueAsString(plain);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialize " + node, e);
    }
  }
}
