package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The LimitRanges of the spec, read once per plan and namespace ({@link NamespaceLimitRanges}), when the checks of
 * an object first ask for that namespace: the objects' checks run on several threads, which then read the
 * namespaces' LimitRanges side by side instead of waiting for one thread to read them all.
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
  private static final NamespaceLimitRanges NONE = new NamespaceLimitRanges(List.of());

  /** The LimitRanges of each namespace that have items, in spec order. */
  private final Map<String, List<LimitRange>> byNamespace = new HashMap<>();
  private final Map<ResourceRef, String> producers = new HashMap<>();
  /** Each LimitRange's namespace as written, also an empty one (which its reference holds as none). */
  private final Map<ResourceRef, String> namespaces = new HashMap<>();
  private final Map<String, NamespaceLimitRanges> read = new ConcurrentHashMap<>();

  private LimitRangeDefaults(SpecContext context) {
    for (HasMetadata object : context.resources("", "LimitRange")) {
      if (!(Workloads.typed(object) instanceof LimitRange limitRange) || limitRange.getSpec() == null
          || limitRange.getSpec().getLimits() == null || limitRange.getMetadata().getNamespace() == null) {
        continue;
      }
      ResourceRef ref = ResourceRef.of(object);
      context.producerOf(ref).ifPresent(producer -> producers.put(ref, producer));
      namespaces.put(ref, limitRange.getMetadata().getNamespace());
      byNamespace.computeIfAbsent(limitRange.getMetadata().getNamespace(), k -> new ArrayList<>()).add(limitRange);
    }
  }

  /** The LimitRanges of the spec, indexed once per plan. */
  static LimitRangeDefaults of(SpecContext context) {
    return context.shared(LimitRangeDefaults.class, LimitRangeDefaults::new);
  }

  /**
   * The defaults of the namespace in each order of its LimitRanges that gives different ones, the spec's first; one
   * when they give no resource two defaults.
   */
  List<LimitRangeOrder> orders(String namespace) {
    return in(namespace).orders();
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
    return in(namespace).takesAny();
  }

  /** The bounds of the LimitRanges of the namespace that the server takes, in spec order. */
  List<LimitRangeBound> bounds(String namespace) {
    return in(namespace).bounds();
  }

  /**
   * The errors that make the API server refuse this LimitRange; else those of defaults it refuses in every container,
   * and warnings about the defaults it gives that another LimitRange of its namespace gives otherwise.
   */
  List<Problem> problems(ResourceRef limitRange) {
    return ofLimitRange(limitRange).problems(limitRange);
  }

  /** Whether the server refuses the containers this default fills in for this reason, reported on its LimitRange. */
  boolean reportedOnLimitRange(LimitRangeDefault d, LimitRangeDefaultChecks.Refusal refusal) {
    return ofLimitRange(d.limitRange()).reportedOnLimitRange(d, refusal);
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

  private NamespaceLimitRanges ofLimitRange(ResourceRef limitRange) {
    String namespace = namespaces.get(limitRange);
    return namespace == null ? NONE : in(namespace);
  }

  private NamespaceLimitRanges in(String namespace) {
    List<LimitRange> limitRanges = byNamespace.get(namespace);
    if (limitRanges == null) return NONE;
    // Read first: computeIfAbsent may lock a bin that another namespace being read shares.
    NamespaceLimitRanges known = read.get(namespace);
    return known != null ? known : read.computeIfAbsent(namespace, k -> new NamespaceLimitRanges(limitRanges));
  }
}
