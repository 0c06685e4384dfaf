package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.LimitRangeRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The LimitRanges of one namespace ({@link LimitRangeDefaults}): those the API server refuses
 * ({@link LimitRangeRules}), which give nothing; the defaults the others give the containers of each Pod, and those
 * that reach every Pod with a device ({@link LimitRangeDeviceDefaults}); their bounds. Read once, then only read.
 */
final class NamespaceLimitRanges {
  private final Map<String, LimitRangeDefault> limits = new LinkedHashMap<>();
  private final Map<String, LimitRangeDefault> requests = new LinkedHashMap<>();
  private final List<LimitRangeBound> bounds = new ArrayList<>();
  private final Map<ResourceRef, List<Problem>> problems = new HashMap<>();
  private final List<LimitRangeOrder> orders;
  private final boolean takesAny;
  private final LimitRangeDefaultChecks refusedDefaults;

  /** {@code limitRanges}: the namespace's, with items, in spec order. */
  NamespaceLimitRanges(List<LimitRange> limitRanges) {
    boolean conflicting = false;
    Map<ResourceRef, List<LimitRangeDefault>> own = new LinkedHashMap<>();
    String namespace = null;
    for (LimitRange limitRange : limitRanges) {
      ResourceRef ref = ResourceRef.of(limitRange);
      List<LimitRangeItem> items = limitRange.getSpec().getLimits();
      List<Problem> refused = LimitRangeRules.check(ref, items);
      if (!refused.isEmpty()) {
        problems.put(ref, new ArrayList<>(refused));
        continue;
      }
      namespace = limitRange.getMetadata().getNamespace();
      bounds.addAll(LimitRangeBound.of(ref, items));
      List<LimitRangeDefault> defaults = LimitRangeRules.defaults(ref, items);
      own.put(ref, defaults);
      List<Problem> devices = LimitRangeDeviceDefaults.warnings(namespace, defaults);
      if (!devices.isEmpty()) problems.computeIfAbsent(ref, k -> new ArrayList<>()).addAll(devices);
      conflicting |= merge(defaults, true, limits);
      conflicting |= merge(defaults, false, requests);
    }
    takesAny = namespace != null;
    orders = !takesAny ? List.of(new LimitRangeOrder(List.of(), Map.of(), Map.of()))
        : conflicting ? LimitRangeOrder.all(own)
        : List.of(new LimitRangeOrder(List.copyOf(own.keySet()), limits, requests));
    refusedDefaults = new LimitRangeDefaultChecks(own, takesAny ? Map.of(namespace, limits) : Map.of(),
        takesAny ? Map.of(namespace, requests) : Map.of());
    refusedDefaults.problems().forEach((ref, errors) -> problems.computeIfAbsent(ref, k -> new ArrayList<>())
        .addAll(0, errors));
  }

  List<LimitRangeOrder> orders() {
    return orders;
  }

  /** Whether the server takes one of the LimitRanges at least. */
  boolean takesAny() {
    return takesAny;
  }

  List<LimitRangeBound> bounds() {
    return bounds;
  }

  List<Problem> problems(ResourceRef limitRange) {
    return problems.getOrDefault(limitRange, List.of());
  }

  boolean reportedOnLimitRange(LimitRangeDefault d, LimitRangeDefaultChecks.Refusal refusal) {
    return refusedDefaults.refused(d, refusal);
  }

  /**
   * Adds one LimitRange's defaults of one kind to its namespace's: an earlier LimitRange's default stays. Returns
   * whether one of them differs from an earlier one.
   */
  private boolean merge(List<LimitRangeDefault> own, boolean limit, Map<String, LimitRangeDefault> namespace) {
    boolean conflicting = false;
    for (LimitRangeDefault d : own) {
      if (d.limit() != limit) continue;
      LimitRangeDefault earlier = namespace.putIfAbsent(d.resource(), d);
      if (earlier == null || sameAmount(earlier.value(), d.value())) continue;
      conflicting = true;
      List<Problem> warnings = problems.computeIfAbsent(d.limitRange(), k -> new ArrayList<>());
      // A default limit that also stands for the default request is one field, warned about once.
      if (warnings.stream().noneMatch(w -> w.field().equals(Optional.of(d.field())))) {
        warnings.add(Problem.warning(d.limitRange(), d.field(), "the default " + (d.limit() ? "limit " : "request ")
            + d.resource() + "=" + d.value() + " differs from the " + earlier.value() + " that LimitRange "
            + earlier.limitRange().qualifiedName() + " gives (" + earlier.field() + "): the API server applies the "
            + "LimitRanges of a namespace in no fixed order, so a Pod's container may get either",
            "give the default of " + d.resource() + " in one LimitRange of namespace "
                + d.limitRange().namespace().orElse("")));
      }
    }
    return conflicting;
  }

  private static boolean sameAmount(Quantity a, Quantity b) {
    Optional<BigDecimal> x = Quantities.amount(a);
    Optional<BigDecimal> y = Quantities.amount(b);
    return x.isEmpty() || y.isEmpty() ? Objects.equals(a, b) : x.get().compareTo(y.get()) == 0;
  }
}
