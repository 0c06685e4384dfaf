package dev.shipshape.core.internal.env;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.diff.FieldChange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every field that differs between two JSON trees, both ways: fields only on the left are {@code REMOVED}, only on
 * the right {@code ADDED}, different values {@code CHANGED}. Lists of the same length compare item by item; lists
 * of different lengths are one changed value.
 */
public final class TreeDiff {
  private static final int MAX_VALUE_LENGTH = 120;

  private final boolean hideValues;
  private final List<FieldChange> changes = new ArrayList<>();

  private TreeDiff(boolean hideValues) {
    this.hideValues = hideValues;
  }

  /** The changes from {@code left} to {@code right}; values are {@link FieldChange#HIDDEN} when {@code hideValues}. */
  public static List<FieldChange> compare(JsonNode left, JsonNode right, boolean hideValues) {
    TreeDiff diff = new TreeDiff(hideValues);
    diff.compare("", left, right);
    return List.copyOf(diff.changes);
  }

  private void compare(String path, JsonNode left, JsonNode right) {
    if (left.equals(right)) return;
    if (left.isObject() && right.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      left.fieldNames().forEachRemaining(names::add);
      right.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path.isEmpty() ? name : path + "." + name;
        JsonNode l = left.get(name);
        JsonNode r = right.get(name);
        if (l == null) {
          changes.add(FieldChange.of(child, FieldChange.Kind.ADDED, Optional.empty(), show(r)));
        } else if (r == null) {
          changes.add(FieldChange.of(child, FieldChange.Kind.REMOVED, show(l), Optional.empty()));
        } else {
          compare(child, l, r);
        }
      }
    } else if (left.isArray() && right.isArray() && left.size() == right.size()) {
      Iterator<JsonNode> l = left.elements();
      Iterator<JsonNode> r = right.elements();
      for (int i = 0; l.hasNext(); i++) compare(path + "[" + i + "]", l.next(), r.next());
    } else {
      changes.add(FieldChange.of(path, FieldChange.Kind.CHANGED, show(left), show(right)));
    }
  }

  private Optional<String> show(JsonNode value) {
    if (hideValues) return Optional.of(FieldChange.HIDDEN);
    String text = value.isTextual() ? value.asText() : value.toString();
    return Optional.of(text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text);
  }
}
