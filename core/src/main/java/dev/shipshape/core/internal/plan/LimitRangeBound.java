package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One bound that a LimitRange the API server takes sets on each container, or on each Pod as a whole, of its
 * namespace: a min, max or maxLimitRequestRatio of one resource in an item of type Container or Pod.
 *
 * @param limitRange the LimitRange
 * @param field the field that sets it, such as {@code spec.limits[0].max.cpu}
 * @param perPod true for an item of type Pod, false for one of type Container
 * @param kind min, max or ratio
 * @param resource the resource name
 * @param amount the bound
 */
record LimitRangeBound(ResourceRef limitRange, String field, boolean perPod, Kind kind, String resource,
    Quantity amount) {

  /** What the bound holds a request and a limit to. */
  enum Kind {
    MIN("min"), MAX("max"), RATIO("maxLimitRequestRatio");

    final String field;

    Kind(String field) {
      this.field = field;
    }
  }

  /** The bounds of the Container and Pod items of one LimitRange, in the order written. */
  static List<LimitRangeBound> of(ResourceRef limitRange, List<LimitRangeItem> items) {
    List<LimitRangeBound> bounds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      LimitRangeItem item = items.get(i);
      if (item == null || !("Container".equals(item.getType()) || "Pod".equals(item.getType()))) continue;
      boolean perPod = "Pod".equals(item.getType());
      String at = "spec.limits[" + i + "].";
      add(limitRange, at, perPod, Kind.MIN, item.getMin(), bounds);
      add(limitRange, at, perPod, Kind.MAX, item.getMax(), bounds);
      add(limitRange, at, perPod, Kind.RATIO, item.getMaxLimitRequestRatio(), bounds);
    }
    return List.copyOf(bounds);
  }

  private static void add(ResourceRef limitRange, String at, boolean perPod, Kind kind, Map<String, Quantity> amounts,
      List<LimitRangeBound> bounds) {
    if (amounts == null) return;
    amounts.forEach((resource, amount) -> bounds.add(new LimitRangeBound(limitRange, at + kind.field + "." + resource,
        perPod, kind, resource, amount)));
  }

  /** Such as {@code the max 2 per container of LimitRange shop/limits (spec.limits[0].max.cpu)}. */
  String describe() {
    return "the " + kind.field + " " + amount + " per " + (perPod ? "Pod" : "container") + " of LimitRange "
        + limitRange.qualifiedName() + " (" + field + ")";
  }
}
