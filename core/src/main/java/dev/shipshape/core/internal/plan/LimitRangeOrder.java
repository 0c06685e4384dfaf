package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.ResourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The defaults a namespace's LimitRanges give its Pods' containers when the LimitRanger applies them in one order:
 * each fills only what is still missing ({@code mergeContainerResources}, plugin/pkg/admission/limitranger/
 * admission.go), so per resource the first LimitRange that has a default gives it.
 *
 * @param limitRanges the LimitRanges, in the order applied
 * @param limits the default limits, by resource name
 * @param requests the default requests, by resource name
 */
record LimitRangeOrder(List<ResourceRef> limitRanges, Map<String, LimitRangeDefault> limits,
    Map<String, LimitRangeDefault> requests) {
  /** Beyond this many LimitRanges with defaults, only each one first is tried, not every order. */
  private static final int EVERY_ORDER_UP_TO = 6;

  LimitRangeOrder {
    limitRanges = List.copyOf(limitRanges);
    limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
  }

  /**
   * The orders that give different defaults, the order of the spec first: the plugin's lister returns a namespace's
   * LimitRanges in no fixed order.
   */
  static List<LimitRangeOrder> all(Map<ResourceRef, List<LimitRangeDefault>> defaults) {
    List<ResourceRef> refs = List.copyOf(defaults.keySet());
    List<List<ResourceRef>> orders = new ArrayList<>();
    if (refs.size() <= EVERY_ORDER_UP_TO) {
      permutations(new ArrayList<>(), refs, orders);
    } else {
      for (int i = 0; i < refs.size(); i++) {
        List<ResourceRef> rotated = new ArrayList<>(refs.subList(i, refs.size()));
        rotated.addAll(refs.subList(0, i));
        orders.add(rotated);
      }
    }
    Map<List<Map<String, LimitRangeDefault>>, LimitRangeOrder> distinct = new LinkedHashMap<>();
    for (List<ResourceRef> order : orders) {
      LimitRangeOrder o = of(order, defaults);
      distinct.putIfAbsent(List.of(o.limits, o.requests), o);
    }
    return List.copyOf(distinct.values());
  }

  /** Such as {@code shop/b, shop/a}. */
  String described() {
    return limitRanges.stream().map(ResourceRef::qualifiedName).collect(Collectors.joining(", "));
  }

  private static LimitRangeOrder of(List<ResourceRef> order, Map<ResourceRef, List<LimitRangeDefault>> defaults) {
    Map<String, LimitRangeDefault> limits = new LinkedHashMap<>();
    Map<String, LimitRangeDefault> requests = new LinkedHashMap<>();
    for (ResourceRef ref : order) {
      for (LimitRangeDefault d : defaults.get(ref)) (d.limit() ? limits : requests).putIfAbsent(d.resource(), d);
    }
    return new LimitRangeOrder(order, limits, requests);
  }

  /** Every order of {@code rest} after {@code start}, in the order of {@code rest} first. */
  private static void permutations(List<ResourceRef> start, List<ResourceRef> rest, List<List<ResourceRef>> out) {
    if (rest.isEmpty()) {
      out.add(List.copyOf(start));
      return;
    }
    for (int i = 0; i < rest.size(); i++) {
      List<ResourceRef> others = new ArrayList<>(rest);
      start.add(others.remove(i));
      permutations(start, others, out);
      start.remove(start.size() - 1);
    }
  }
}
