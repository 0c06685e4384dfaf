package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.LimitRangeRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The LimitRanges of the spec, read once per plan: those the API server refuses ({@link LimitRangeRules}), which
 * give nothing; the defaults the others give the containers of each Pod of their namespace, and those that reach
 * every Pod with a device ({@link LimitRangeDeviceDefaults}); their bounds.
 *
 * <p>The LimitRanger admission plugin fills the defaults into every Pod when it is created, a bare Pod or one that a
 * workload's controller makes from its template, before the API server validates it; a pod template itself stays
 * as written (plugin/pkg/admission/limitranger/admission.go, {@code PodMutateLimitFunc}). Each LimitRange of the
 * namespace fills only what is still missing ({@code mergeContainerResources}), in the order the plugin's lister
 * returns them, which is not fixed. So where two LimitRanges give different defaults for one resource, a Pod may get
 * either: that is warned about, and Pods are judged under each order that gives other defaults ({@link
 * LimitRangeOrder}): an error when refused under all, a warning when under some. Defaults that the server refuses in
 * every container are reported on their LimitRange ({@link LimitRangeDefaultChecks}).
 */
final class LimitRangeDefaults {
  private final Map<String, Map<String, LimitRangeDefault>> limits = new HashMap<>();
  private final Map<String, Map<String, LimitRangeDefault>> requests = new HashMap<>();
  private final Map<String, List<LimitRangeBound>> bounds = new HashMap<>();
  private final Map<ResourceRef, List<Problem>> problems = new HashMap<>();
  private final Map<ResourceRef, String> producers = new HashMap<>();
  private final Map<String, Map<ResourceRef, List<LimitRangeDefault>>> byNamespace = new HashMap<>();
  private final Map<String, List<LimitRangeOrder>> orders = new HashMap<>();
  private final LimitRangeDefaultChecks refusedDefaults;

  private LimitRangeDefaults(SpecContext context) {
    Set<String> conflicting = new HashSet<>();
    Map<ResourceRef, List<LimitRangeDefault>> own = new LinkedHashMap<>();
    for (HasMetadata object : context.resources("", "LimitRange")) {
      if (!(Workloads.typed(object) instanceof LimitRange limitRange) || limitRange.getSpec() == null
          || limitRange.getSpec().getLimits() == null || limitRange.getMetadata().getNamespace() == null) {
        continue;
      }
      ResourceRef ref = ResourceRef.of(object);
      context.producerOf(ref).ifPresent(producer -> producers.put(ref, producer));
      List<LimitRangeItem> items = limitRange.getSpec().getLimits();
      List<Problem> refused = LimitRangeRules.check(ref, items);
      if (!refused.isEmpty()) {
        problems.put(ref, new ArrayList<>(refused));
        continue;
      }
      String namespace = limitRange.getMetadata().getNamespace();
      bounds.computeIfAbsent(namespace, k -> new ArrayList<>()).addAll(LimitRangeBound.of(ref, items));
      List<LimitRangeDefault> defaults = LimitRangeRules.defaults(ref, items);
      own.put(ref, defaults);
      byNamespace.computeIfAbsent(namespace, k -> new LinkedHashMap<>()).put(ref, defaults);
      List<Problem> devices = LimitRangeDeviceDefaults.warnings(namespace, defaults);
      if (!devices.isEmpty()) problems.computeIfAbsent(ref, k -> new ArrayList<>()).addAll(devices);
      conflicting.addAll(merge(defaults, true, limits.computeIfAbsent(namespace, k -> new LinkedHashMap<>())));
      conflicting.addAll(merge(defaults, false, requests.computeIfAbsent(namespace, k -> new LinkedHashMap<>())));
    }
    byNamespace.forEach((ns, defaults) -> orders.put(ns, conflicting.contains(ns) ? LimitRangeOrder.all(defaults)
        : List.of(new LimitRangeOrder(List.copyOf(defaults.keySet()), limits.get(ns), requests.get(ns)))));
    refusedDefaults = new LimitRangeDefaultChecks(own, limits, requests);
    refusedDefaults.problems().forEach((ref, errors) -> problems.computeIfAbsent(ref, k -> new ArrayList<>())
        .addAll(0, errors));
  }

  /** The LimitRanges of the spec, read once per plan. */
  static LimitRangeDefaults of(SpecContext context) {
    return context.shared(LimitRangeDefaults.class, LimitRangeDefaults::new);
  }

  /**
   * The defaults of the namespace in each order of its LimitRanges that gives different ones, the spec's first; one
   * when they give no resource two defaults.
   */
  List<LimitRangeOrder> orders(String namespace) {
    return orders.getOrDefault(namespace, List.of(new LimitRangeOrder(List.of(), Map.of(), Map.of())));
  }

  /**
   * The requests and limits of a Pod's container once created: the Pod's own defaulting first copies each limit
   * without a request into the request ({@code SetDefaults_Pod}, at decoding, before admission; never in a pod
   * template), then the namespace's LimitRanges fill each limit and request still missing.
   */
  DefaultedResources fill(LimitRangeOrder order, Map<String, Quantity> written, Map<String, Quantity> writtenLimits) {
    Map<String, Quantity> effectiveRequests = new LinkedHashMap<>(written);
    writtenLimits.forEach(effectiveRequests::putIfAbsent);
    Map<String, Quantity> effectiveLimits = new LinkedHashMap<>(writtenLimits);
    Map<String, LimitRangeDefault> filledRequests = fillMissing(effectiveRequests, order.requests());
    Map<String, LimitRangeDefault> filledLimits = fillMissing(effectiveLimits, order.limits());
    return new DefaultedResources(effectiveRequests, effectiveLimits, filledRequests, filledLimits);
  }

  /** Whether the namespace has a LimitRange of the spec that the server takes. */
  boolean inNamespace(String namespace) {
    return bounds.containsKey(namespace);
  }

  /** The bounds of the LimitRanges of the namespace that the server takes, in spec order. */
  List<LimitRangeBound> bounds(String namespace) {
    return bounds.getOrDefault(namespace, List.of());
  }

  /**
   * The errors that make the API server refuse this LimitRange; else those of defaults it refuses in every container,
   * and warnings about the defaults it gives that another LimitRange of its namespace gives otherwise.
   */
  List<Problem> problems(ResourceRef limitRange) {
    return problems.getOrDefault(limitRange, List.of());
  }

  /** Whether the server refuses the containers this default fills in for this reason, reported on its LimitRange. */
  boolean reportedOnLimitRange(LimitRangeDefault d, LimitRangeDefaultChecks.Refusal refusal) {
    return refusedDefaults.refused(d, refusal);
  }

  /**
   * Such as {@code LimitRange team-a/team-a-limits (of component team-a)}: where a default or bound is changed,
   * naming the component that produces it unless the spec lists it as a raw resource.
   */
  String named(ResourceRef limitRange) {
    String producer = producers.get(limitRange);
    return "LimitRange " + limitRange.qualifiedName() + (producer == null
        || producer.equals(Compilation.RAW_RESOURCES) ? "" : " (of component " + producer + ")");
  }

  /** Puts each default whose resource is missing into {@code amounts}; returns those it put. */
  private static Map<String, LimitRangeDefault> fillMissing(Map<String, Quantity> amounts,
      Map<String, LimitRangeDefault> defaults) {
    Map<String, LimitRangeDefault> filled = new LinkedHashMap<>();
    defaults.forEach((resource, d) -> {
      if (!amounts.containsKey(resource)) {
        amounts.put(resource, d.value());
        filled.put(resource, d);
      }
    });
    return filled;
  }

  /**
   * Adds one LimitRange's defaults of one kind to its namespace's: an earlier LimitRange's default stays. Returns the
   * namespace when one of them differs from an earlier one.
   */
  private Set<String> merge(List<LimitRangeDefault> own, boolean limit, Map<String, LimitRangeDefault> namespace) {
    Set<String> conflicting = new HashSet<>();
    for (LimitRangeDefault d : own) {
      if (d.limit() != limit) continue;
      LimitRangeDefault earlier = namespace.putIfAbsent(d.resource(), d);
      if (earlier == null || sameAmount(earlier.value(), d.value())) continue;
      d.limitRange().namespace().ifPresent(conflicting::add);
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
