package dev.shipshape.core.internal.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.diff.JsonNumbers;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares a desired object with the live one the way server-side apply sees it: only the fields the desired
 * object sets are compared (the server adds defaults and status), and fields that the field manager owned but no
 * longer sets are removals. Server-populated fields are ignored.
 */
public final class ObjectComparator {
  /** Fields the API server fills in; never part of a diff. */
  private static final Set<String> SERVER_FIELDS = Set.of(
      "status", "metadata.managedFields", "metadata.resourceVersion", "metadata.uid",
      "metadata.creationTimestamp", "metadata.generation", "metadata.selfLink", "metadata.deletionTimestamp",
      "metadata.deletionGracePeriodSeconds", "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration");
  private static final int MAX_VALUE_LENGTH = 120;
  /**
   * Fields that hold resource quantities (container and pod resources, quotas, limit ranges, capacities). The API
   * server stores quantities in canonical form ({@code 0.5} becomes {@code 500m}, see
   * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/), so they compare by amount.
   */
  private static final Pattern QUANTITY_FIELD = Pattern.compile(
      "(^|\\.)(limits|requests|hard|capacity|max|min|default|defaultRequest|maxLimitRequestRatio|overhead)\\.[^\\[]+$");

  private final boolean hideValues;
  private final List<FieldChange> changes = new ArrayList<>();

  private ObjectComparator(boolean hideValues) {
    this.hideValues = hideValues;
  }

  /**
   * The changes that applying {@code desired} would make to {@code live}.
   *
   * @param ownedFields the {@code fieldsV1} tree the field manager owns on the live object, when known
   * @param hideValues true for Secrets: paths are listed, values never
   */
  public static List<FieldChange> compare(JsonNode desired, JsonNode live, Optional<JsonNode> ownedFields,
      boolean hideValues) {
    ObjectComparator comparator = new ObjectComparator(hideValues);
    comparator.compare("", desired, live);
    ownedFields.ifPresent(owned -> comparator.removals("", owned, desired, live));
    return List.copyOf(comparator.changes);
  }

  /** The {@code fieldsV1} tree that {@code manager} owns through apply operations, from the live object's metadata. */
  public static Optional<JsonNode> ownedFields(JsonNode live, String manager) {
    for (JsonNode entry : live.path("metadata").path("managedFields")) {
      if (manager.equals(entry.path("manager").asText()) && "Apply".equals(entry.path("operation").asText())
          && entry.path("subresource").asText("").isEmpty()) {
        return Optional.of(entry.path("fieldsV1"));
      }
    }
    return Optional.empty();
  }

  private void compare(String path, JsonNode desired, JsonNode live) {
    if (SERVER_FIELDS.contains(path)) return;
    if (desired.isObject() && live.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = join(path, field.getKey());
        if (SERVER_FIELDS.contains(child) || field.getValue().isNull()) continue;
        JsonNode liveValue = live.get(field.getKey());
        if ((liveValue == null || liveValue.isNull()) && isEmpty(field.getValue())) continue;
        if (liveValue == null || liveValue.isNull()) {
          changes.add(FieldChange.of(child, FieldChange.Kind.ADDED, Optional.empty(), show(field.getValue())));
        } else {
          compare(child, field.getValue(), liveValue);
        }
      }
    } else if (desired.isArray() && live.isArray() && desired.size() == live.size()) {
      for (int i = 0; i < desired.size(); i++) compare(path + "[" + i + "]", desired.get(i), live.get(i));
    } else if (!sameValue(path, desired, live)) {
      changes.add(FieldChange.of(path, FieldChange.Kind.CHANGED, show(live), show(desired)));
    }
  }

  /** Fields in the owned-fields tree ({@code f:name} keys) that the desired object no longer sets. */
  private void removals(String path, JsonNode owned, JsonNode desired, JsonNode live) {
    Iterator<Map.Entry<String, JsonNode>> fields = owned.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().startsWith("f:")) continue; // list items (k:, v:, i:) are compared as values
      String name = field.getKey().substring(2);
      String child = join(path, name);
      if (SERVER_FIELDS.contains(child)) continue;
      JsonNode desiredValue = desired == null ? null : desired.get(name);
      JsonNode liveValue = live == null ? null : live.get(name);
      if (desiredValue == null) {
        if (liveValue != null) changes.add(FieldChange.of(child, FieldChange.Kind.REMOVED, show(liveValue),
            Optional.empty()));
      } else if (desiredValue.isObject() && field.getValue().size() > 0) {
        removals(child, field.getValue(), desiredValue, liveValue);
      }
    }
  }

  /**
   * An empty string, object or list: the API server omits such values of {@code omitempty} fields when it stores
   * an object (a RoleBinding subject's {@code apiGroup: ""} comes back without {@code apiGroup}), so setting one
   * where the live object has nothing is no change.
   */
  private static boolean isEmpty(JsonNode value) {
    return (value.isTextual() && value.asText().isEmpty()) || (value.isContainerNode() && value.size() == 0);
  }

  private static boolean sameValue(String path, JsonNode a, JsonNode b) {
    if (a.equals(b)) return true;
    if (!a.isValueNode() || !b.isValueNode()) return false;
    if (JsonNumbers.same(a, b)) return true;
    // Numbers and strings written differently for the same value ("8080" and 8080).
    if (a.asText().equals(b.asText())) return true;
    return QUANTITY_FIELD.matcher(path).find() && sameQuantity(a.asText(), b.asText());
  }

  private static boolean sameQuantity(String a, String b) {
    try {
      return Quantity.getAmountInBytes(Quantity.parse(a)).compareTo(Quantity.getAmountInBytes(Quantity.parse(b)))
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false; // not quantities after all
    }
  }

  private Optional<String> show(JsonNode value) {
    if (hideValues) return Optional.of(FieldChange.HIDDEN);
    String text = value.isTextual() ? value.asText() : value.toString();
    return Optional.of(text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "…" : text);
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
