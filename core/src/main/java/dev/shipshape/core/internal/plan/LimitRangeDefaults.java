package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The defaults the LimitRanges of the spec give the containers of a bare Pod, by namespace, read once per plan.
 *
 * <p>The LimitRanger admission plugin fills them in when a Pod is created, before the API server validates it, and
 * never in a pod template (plugin/pkg/admission/limitranger/admission.go, {@code PodMutateLimitFunc}). The server
 * stores a LimitRange item of type Container with its defaults completed ({@code SetDefaults_LimitRangeItem},
 * pkg/apis/core/v1/defaults.go): a missing default limit is the max, a missing default request is the default limit,
 * else the min. Of the Container items of one LimitRange a later one wins ({@code
 * defaultContainerResourceRequirements}); each LimitRange of the namespace then fills only what is still missing
 * ({@code mergeContainerResources}), in the order the plugin's lister returns them, which is not fixed. So where
 * two LimitRanges give different defaults for one resource, a Pod may get either: that is warned about, and Pods
 * are judged with the one first in the spec.
 */
final class LimitRangeDefaults {
  private static final String CONTAINER = "Container";

  private final Map<String, Map<String, LimitRangeDefault>> limits = new HashMap<>();
  private final Map<String, Map<String, LimitRangeDefault>> requests = new HashMap<>();
  private final Map<ResourceRef, List<Problem>> conflicts = new HashMap<>();

  private LimitRangeDefaults(SpecContext context) {
    for (HasMetadata object : context.resources("", "LimitRange")) {
      if (!(Workloads.typed(object) instanceof LimitRange limitRange) || limitRange.getSpec() == null
          || limitRange.getSpec().getLimits() == null || limitRange.getMetadata().getNamespace() == null) {
        continue;
      }
      ResourceRef ref = ResourceRef.of(object);
      Map<String, LimitRangeDefault> ownLimits = new LinkedHashMap<>();
      Map<String, LimitRangeDefault> ownRequests = new LinkedHashMap<>();
      List<LimitRangeItem> items = limitRange.getSpec().getLimits();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) != null && CONTAINER.equals(items.get(i).getType())) {
          itemDefaults(ref, "spec.limits[" + i + "]", items.get(i), ownLimits, ownRequests);
        }
      }
      String namespace = limitRange.getMetadata().getNamespace();
      merge(ownLimits, limits.computeIfAbsent(namespace, k -> new LinkedHashMap<>()));
      merge(ownRequests, requests.computeIfAbsent(namespace, k -> new LinkedHashMap<>()));
    }
  }

  /** The defaults of the spec's LimitRanges, computed once per plan. */
  static LimitRangeDefaults of(SpecContext context) {
    return context.shared(LimitRangeDefaults.class, LimitRangeDefaults::new);
  }

  /**
   * The requests and limits of a Pod's container once created: the Pod's own defaulting first copies each limit
   * without a request into the request ({@code SetDefaults_Pod}, at decoding, before admission), then the
   * namespace's LimitRanges fill each limit and request still missing.
   */
  DefaultedResources fill(String namespace, Map<String, Quantity> written, Map<String, Quantity> writtenLimits) {
    Map<String, LimitRangeDefault> defaultLimits = limits.getOrDefault(namespace, Map.of());
    Map<String, LimitRangeDefault> defaultRequests = requests.getOrDefault(namespace, Map.of());
    if (defaultLimits.isEmpty() && defaultRequests.isEmpty()) {
      return DefaultedResources.asWritten(written, writtenLimits);
    }
    Map<String, Quantity> effectiveRequests = new LinkedHashMap<>(written);
    writtenLimits.forEach(effectiveRequests::putIfAbsent);
    Map<String, Quantity> effectiveLimits = new LinkedHashMap<>(writtenLimits);
    Map<String, LimitRangeDefault> filledRequests = fillMissing(effectiveRequests, defaultRequests);
    Map<String, LimitRangeDefault> filledLimits = fillMissing(effectiveLimits, defaultLimits);
    return new DefaultedResources(effectiveRequests, effectiveLimits, filledRequests, filledLimits);
  }

  /** Warnings about the defaults this LimitRange gives that another LimitRange of its namespace gives otherwise. */
  List<Problem> conflicts(ResourceRef limitRange) {
    return conflicts.getOrDefault(limitRange, List.of());
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

  /** One Container item's defaults, completed as the server stores them, over those of the items before it. */
  private static void itemDefaults(ResourceRef ref, String at, LimitRangeItem item,
      Map<String, LimitRangeDefault> ownLimits, Map<String, LimitRangeDefault> ownRequests) {
    Map<String, LimitRangeDefault> itemLimits = new LinkedHashMap<>();
    Map<String, LimitRangeDefault> itemRequests = new LinkedHashMap<>();
    orEmpty(item.getDefault()).forEach((r, q) -> itemLimits.put(r, new LimitRangeDefault(r, q, true, ref,
        at + ".default." + r, "")));
    orEmpty(item.getMax()).forEach((r, q) -> itemLimits.putIfAbsent(r, new LimitRangeDefault(r, q, true, ref,
        at + ".max." + r, "which stands for the default limit when there is none")));
    orEmpty(item.getDefaultRequest()).forEach((r, q) -> itemRequests.put(r, new LimitRangeDefault(r, q, false, ref,
        at + ".defaultRequest." + r, "")));
    itemLimits.forEach((r, l) -> itemRequests.putIfAbsent(r, new LimitRangeDefault(r, l.value(), false, ref,
        l.field(), l.how().isEmpty() ? "which stands for the default request when there is none"
            : "which stands for the default limit and request when there are none")));
    orEmpty(item.getMin()).forEach((r, q) -> itemRequests.putIfAbsent(r, new LimitRangeDefault(r, q, false, ref,
        at + ".min." + r, "which stands for the default request when there is none")));
    ownLimits.putAll(itemLimits);
    ownRequests.putAll(itemRequests);
  }

  /** Adds one LimitRange's defaults to its namespace's: an earlier LimitRange's default stays. */
  private void merge(Map<String, LimitRangeDefault> own, Map<String, LimitRangeDefault> namespace) {
    own.forEach((resource, d) -> {
      LimitRangeDefault earlier = namespace.putIfAbsent(resource, d);
      if (earlier == null || sameAmount(earlier.value(), d.value())) return;
      List<Problem> warnings = conflicts.computeIfAbsent(d.limitRange(), k -> new ArrayList<>());
      // A default limit that also stands for the default request is one field, warned about once.
      if (warnings.stream().noneMatch(w -> w.field().equals(Optional.of(d.field())))) {
        warnings.add(Problem.warning(d.limitRange(), d.field(), "the default " + (d.limit() ? "limit " : "request ")
            + resource + "=" + d.value() + " differs from the " + earlier.value() + " that LimitRange "
            + earlier.limitRange().qualifiedName() + " gives (" + earlier.field() + "): the API server applies the "
            + "LimitRanges of a namespace in no fixed order, so a Pod's container may get either",
            "give the default of " + resource + " in one LimitRange of namespace "
                + d.limitRange().namespace().orElse("")));
      }
    });
  }

  private static boolean sameAmount(Quantity a, Quantity b) {
    BigDecimal x = ResourceRequestChecks.amount(a);
    BigDecimal y = ResourceRequestChecks.amount(b);
    return x == null || y == null ? Objects.equals(a, b) : x.compareTo(y) == 0;
  }

  private static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
    return map == null ? Map.of() : map;
  }
}
