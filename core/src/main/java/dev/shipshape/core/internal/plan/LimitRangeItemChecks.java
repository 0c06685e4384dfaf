package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules the API server holds the Container and Pod items of a LimitRange to ({@code ValidateLimitRange},
 * pkg/apis/core/validation/validation.go), on the items as stored, a Container item's defaults completed: one item
 * per type; a Pod item has no defaults; per resource min &le; default request &le; default limit &le; max, and a
 * maxLimitRequestRatio of 1 at least. The server refuses such a LimitRange, so it gives no defaults.
 */
final class LimitRangeItemChecks {
  private LimitRangeItemChecks() {}

  /** The errors of the items of one LimitRange. */
  static List<Problem> check(ResourceRef ref, List<LimitRangeItem> items) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Integer> firstOfType = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      LimitRangeItem item = items.get(i);
      if (item == null || item.getType() == null) continue;
      String at = "spec.limits[" + i + "]";
      Integer first = firstOfType.putIfAbsent(item.getType(), i);
      if (first != null) {
        problems.add(Problem.error(ref, at + ".type", "Duplicate value: \"" + item.getType() + "\": spec.limits["
            + first + "] already limits the type " + item.getType() + ", and the API server takes one item per type",
            "merge the two items of type " + item.getType() + " into one"));
      }
      if ("Pod".equals(item.getType())) {
        forbidden(ref, at + ".default", item.getDefault(), problems);
        forbidden(ref, at + ".defaultRequest", item.getDefaultRequest(), problems);
      }
      if ("Pod".equals(item.getType()) || "Container".equals(item.getType())) amounts(ref, at, item, problems);
    }
    return problems;
  }

  private static void forbidden(ResourceRef ref, String field, Map<String, Quantity> amounts,
      List<Problem> problems) {
    if (amounts != null && !amounts.isEmpty()) {
      problems.add(Problem.error(ref, field, "may not be specified when `type` is 'Pod': the LimitRanger fills "
          + "defaults into containers only", "move it to an item of type Container"));
    }
  }

  /** Min, max and the completed defaults of one item against each other, resource by resource. */
  private static void amounts(ResourceRef ref, String at, LimitRangeItem item, List<Problem> problems) {
    Map<String, LimitRangeDefault> limits = new HashMap<>();
    Map<String, LimitRangeDefault> requests = new HashMap<>();
    if ("Container".equals(item.getType())) LimitRangeDefaults.itemDefaults(ref, at, item, limits, requests);
    Map<String, Quantity> min = LimitRangeDefaults.orEmpty(item.getMin());
    Map<String, Quantity> max = LimitRangeDefaults.orEmpty(item.getMax());
    min.forEach((r, q) -> {
      if (above(q, max.get(r))) {
        problems.add(error(ref, at + ".min." + r, "min value " + q + " is greater than max value " + max.get(r),
            "lower the min of " + r + " to the max at most, or raise the max"));
      }
    });
    requests.forEach((r, request) -> {
      String field = at + ".defaultRequest." + r;
      if (above(min.get(r), request.value())) {
        problems.add(error(ref, field, "min value " + min.get(r) + " is greater than default request value "
            + request.value() + source(request), "give a default request of " + r + " of the min at least"));
      }
      if (above(request.value(), max.get(r))) {
        problems.add(error(ref, field, "default request value " + request.value() + " is greater than max value "
            + max.get(r) + source(request), "give a default request of " + r + " of the max at most"));
      }
      LimitRangeDefault limit = limits.get(r);
      if (limit != null && above(request.value(), limit.value())) {
        problems.add(error(ref, field, "default request value " + request.value() + " is greater than default "
            + "limit value " + limit.value() + source(request) + source(limit), "lower the default request of "
            + r + " to the default limit at most, or raise the default limit"));
      }
    });
    limits.forEach((r, limit) -> {
      String field = at + ".default." + r;
      if (above(min.get(r), limit.value())) {
        problems.add(error(ref, field, "min value " + min.get(r) + " is greater than default value "
            + limit.value() + source(limit), "give a default limit of " + r + " of the min at least"));
      }
      if (above(limit.value(), max.get(r))) {
        problems.add(error(ref, field, "default value " + limit.value() + " is greater than max value "
            + max.get(r), "give a default limit of " + r + " of the max at most"));
      }
    });
    LimitRangeDefaults.orEmpty(item.getMaxLimitRequestRatio()).forEach((r, q) -> {
      BigDecimal ratio = ResourceRequestChecks.amount(q);
      if (ratio != null && ratio.compareTo(BigDecimal.ONE) < 0) {
        problems.add(error(ref, at + ".maxLimitRequestRatio." + r, "ratio " + q + " is less than 1",
            "give a ratio of 1 or more: a limit is never below its request"));
      }
    });
  }

  private static Problem error(ResourceRef ref, String field, String message, String fix) {
    return Problem.error(ref, field, message + ", which the API server refuses", fix);
  }

  /** Where a completed default comes from, when it was not written as such. */
  private static String source(LimitRangeDefault d) {
    return d.how().isEmpty() ? "" : " (from " + d.field() + ", " + d.how() + ")";
  }

  /** Whether both amounts are numbers and the first is the greater. */
  private static boolean above(Quantity a, Quantity b) {
    BigDecimal x = ResourceRequestChecks.amount(a);
    BigDecimal y = ResourceRequestChecks.amount(b);
    return x != null && y != null && x.compareTo(y) > 0;
  }
}
