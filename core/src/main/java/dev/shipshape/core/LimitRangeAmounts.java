package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The amounts of one LimitRange item against each other, resource by resource, as {@code ValidateLimitRange}
 * compares them on the item as stored: min &le; max, min &le; default request &le; max, default request &le; default
 * limit, min &le; default limit &le; max, a maxLimitRequestRatio of 1 at least and at most max/min, and, for huge
 * pages and extended resources, which cannot be overcommitted, a default request equal to the default limit. A
 * default completed from another field is only compared when the written fields of its resource are in order: the
 * server then also refuses the completed value, but the written one is the mistake, reported once.
 */
final class LimitRangeAmounts {
  private LimitRangeAmounts() {}

  /** The errors of one item, but their consequence, which the caller adds; its defaults as stored. */
  static List<Problem> check(ResourceRef ref, String at, LimitRangeItem item, Map<String, LimitRangeDefault> limits,
      Map<String, LimitRangeDefault> requests) {
    Map<String, Quantity> mins = LimitRangeRules.orEmpty(item.getMin());
    Map<String, Quantity> maxes = LimitRangeRules.orEmpty(item.getMax());
    Map<String, Quantity> ratios = LimitRangeRules.orEmpty(item.getMaxLimitRequestRatio());
    Set<String> resources = new LinkedHashSet<>(maxes.keySet());
    resources.addAll(mins.keySet());
    resources.addAll(limits.keySet());
    resources.addAll(requests.keySet());
    resources.addAll(ratios.keySet());
    List<Problem> problems = new ArrayList<>();
    for (String r : resources) {
      Resource resource = new Resource(ref, at, r, mins.get(r), maxes.get(r), limits.get(r), requests.get(r));
      resource.check(ratios.get(r));
      problems.addAll(resource.written.isEmpty() ? resource.completed : resource.written);
    }
    return problems;
  }

  /** One resource's amounts in one item, and its errors: those of written fields, those of completed defaults. */
  private static final class Resource {
    final List<Problem> written = new ArrayList<>();
    final List<Problem> completed = new ArrayList<>();
    final ResourceRef ref;
    final String at;
    final String name;
    final Quantity min;
    final Quantity max;
    final LimitRangeDefault limit;
    final LimitRangeDefault request;

    Resource(ResourceRef ref, String at, String name, Quantity min, Quantity max, LimitRangeDefault limit,
        LimitRangeDefault request) {
      this.ref = ref;
      this.at = at;
      this.name = name;
      this.min = min;
      this.max = max;
      this.limit = limit;
      this.request = request;
    }

    void check(Quantity ratio) {
      if (greater(min, max)) {
        written.add(Problem.error(ref, at + ".min." + name, "the min " + min + " of " + name + " is greater than the"
            + " max " + max, "lower the min of " + name + " to the max at most, or raise the max"));
      }
      if (request != null) requestInRange();
      if (limit != null) limitInRange();
      if (ratio != null) ratio(ratio);
    }

    private void requestInRange() {
      Quantity value = request.value();
      if (greater(min, value)) {
        by(request).add(Problem.error(ref, request.field(), "the min " + min + " of " + name + " is greater than "
            + request.named(), "raise the default request of " + name + " to the min at least, or lower the min"));
      }
      if (greater(value, max)) {
        by(request).add(Problem.error(ref, request.field(), request.named() + " is greater than the max "
            + max, "lower the default request of " + name + " to the max at most, or raise the max"));
      }
      if (limit == null) return;
      boolean both = request.written() && limit.written();
      if (!ContainerResourceNames.overcommitAllowed(name) && compare(value, limit.value()).filter(c -> c != 0)
          .isPresent()) {
        (both ? written : completed).add(Problem.error(ref, request.field(), request.named() + " differs"
            + " from " + limit.named() + ", and " + name + " cannot be overcommitted", "give " + name + " the same"
            + " default limit and default request (or leave the default request out: it defaults to the limit)"));
      } else if (greater(value, limit.value())) {
        (both ? written : completed).add(Problem.error(ref, request.field(), request.named() + " is greater"
            + " than " + limit.named(), "lower the default request of " + name + " to the default limit at most,"
            + " or raise the default limit"));
      }
    }

    private void limitInRange() {
      Quantity value = limit.value();
      if (greater(min, value)) {
        by(limit).add(Problem.error(ref, limit.field(), "the min " + min + " of " + name + " is greater than "
            + limit.named(), "raise the default limit of " + name + " to the min at least, or lower the min"));
      }
      if (greater(value, max)) {
        by(limit).add(Problem.error(ref, limit.field(), limit.named() + " is greater than the max " + max,
            "lower the default limit of " + name + " to the max at most, or raise the max"));
      }
    }

    /**
     * At least 1, and at most max/min, compared as the server does: in thousandths rounded up, unless an amount is
     * too large for them, then in whole units, as floating-point numbers.
     */
    private void ratio(Quantity ratio) {
      String field = at + ".maxLimitRequestRatio." + name;
      Optional<BigDecimal> value = Quantities.amount(ratio);
      if (value.isEmpty()) return;
      if (value.get().compareTo(BigDecimal.ONE) < 0) {
        written.add(Problem.error(ref, field, "the maxLimitRequestRatio " + ratio + " of " + name + " is less than 1,"
            + " and a limit is never below its request", "give a ratio of 1 or more"));
        return;
      }
      Optional<BigDecimal> low = Quantities.amount(min);
      Optional<BigDecimal> high = Quantities.amount(max);
      if (low.isEmpty() || high.isEmpty()) return;
      boolean milli = Quantities.value(value.get()).compareTo(Quantities.MAX_MILLI_VALUE) < 0
          && Quantities.value(low.get()).compareTo(Quantities.MAX_MILLI_VALUE) < 0
          && Quantities.value(high.get()).compareTo(Quantities.MAX_MILLI_VALUE) < 0;
      double allowed = milli ? Quantities.milliValue(value.get()).doubleValue() / 1000
          : Quantities.value(value.get()).doubleValue();
      double bound = (milli ? Quantities.milliValue(high.get()) : Quantities.value(high.get())).doubleValue()
          / (milli ? Quantities.milliValue(low.get()) : Quantities.value(low.get())).doubleValue();
      if (allowed > bound) {
        String most = BigDecimal.valueOf(bound).setScale(3, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
        written.add(Problem.error(ref, field, String.format(Locale.ROOT, "the maxLimitRequestRatio %s of %s is"
            + " greater than max/min = %s (the max %s over the min %s)", ratio, name, most, max, min),
            "lower the ratio to " + most + " at most, or widen the min and max"));
      }
    }

    private List<Problem> by(LimitRangeDefault d) {
      return d.written() ? written : completed;
    }
  }

  /** Whether both amounts are numbers and the first is the greater. */
  private static boolean greater(Quantity a, Quantity b) {
    return compare(a, b).filter(c -> c > 0).isPresent();
  }

  private static Optional<Integer> compare(Quantity a, Quantity b) {
    Optional<BigDecimal> x = Quantities.amount(a);
    Optional<BigDecimal> y = Quantities.amount(b);
    return x.isPresent() && y.isPresent() ? Optional.of(x.get().compareTo(y.get())) : Optional.empty();
  }
}
