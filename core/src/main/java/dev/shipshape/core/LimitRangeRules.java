package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's rules for the items of a LimitRange ({@code ValidateLimitRange}, pkg/apis/core/validation/
 * validation.go), on the items as it stores them: an item of type Container first gets the defaults it lacks
 * ({@code SetDefaults_LimitRangeItem}, pkg/apis/core/v1/defaults.go: a missing default limit is the max, a missing
 * default request is the default limit, else the min). Each type is Container, Pod, PersistentVolumeClaim or a
 * qualified name with a domain, and appears once; a Pod item has no defaults; a Container or Pod item names the
 * resources a container has ({@link ContainerResourceNames}), another item standard resources or qualified names; a
 * PersistentVolumeClaim item bounds storage; per resource, the amounts are in order ({@link LimitRangeAmounts}).
 * The server refuses a LimitRange that breaks any of them, so such a LimitRange gives no defaults and bounds no Pod.
 *
 * <p>One rule for every place that reads LimitRanges: planning reports it for each LimitRange of a spec, whichever
 * component produced it, and components that build LimitRanges (the tenancy module) ask it whether theirs is
 * refused rather than repeat it.
 */
public final class LimitRangeRules {
  private static final String CONTAINER = "Container";
  private static final String POD = "Pod";
  private static final String CLAIM = "PersistentVolumeClaim";
  private static final Set<String> TYPES = Set.of(CONTAINER, POD, CLAIM);
  /** The names {@code IsStandardResourceName} takes, huge pages aside. */
  private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
      "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports", "services.loadbalancers");
  private static final String REFUSED = ", so the API server refuses the LimitRange";

  private LimitRangeRules() {}

  /** Every error that makes the API server refuse a LimitRange with these items, on its {@code spec.limits}. */
  public static List<Problem> check(ResourceRef limitRange, List<LimitRangeItem> items) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Integer> firstOfType = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      // The server decodes a null item as an empty one, which has no type.
      LimitRangeItem item = items.get(i) == null ? new LimitRangeItem() : items.get(i);
      String at = "spec.limits[" + i + "]";
      String type = item.getType() == null ? "" : item.getType();
      type(limitRange, at, type, problems);
      // An item without a type is reported as such, not again as a second item of type ''.
      Integer first = type.isEmpty() ? null : firstOfType.putIfAbsent(type, i);
      if (first != null) {
        problems.add(error(limitRange, at + ".type", "spec.limits[" + first + "] already has type '" + type + "',"
            + " and a LimitRange has one item per type", "merge the two items of type '" + type + "' into one"));
      }
      boolean containers = CONTAINER.equals(type) || POD.equals(type);
      names(limitRange, at + ".max", item.getMax(), containers, problems);
      names(limitRange, at + ".min", item.getMin(), containers, problems);
      if (POD.equals(type)) {
        podDefault(limitRange, at + ".default", item.getDefault(), problems);
        podDefault(limitRange, at + ".defaultRequest", item.getDefaultRequest(), problems);
      } else {
        names(limitRange, at + ".default", item.getDefault(), containers, problems);
        names(limitRange, at + ".defaultRequest", item.getDefaultRequest(), containers, problems);
      }
      names(limitRange, at + ".maxLimitRequestRatio", item.getMaxLimitRequestRatio(), containers, problems);
      if (CLAIM.equals(type) && !orEmpty(item.getMin()).containsKey("storage")
          && !orEmpty(item.getMax()).containsKey("storage")) {
        problems.add(error(limitRange, at, "an item of type PersistentVolumeClaim bounds neither a min nor a max of"
            + " storage", "give min.storage or max.storage"));
      }
      Map<String, LimitRangeDefault> limits = new LinkedHashMap<>();
      Map<String, LimitRangeDefault> requests = new LinkedHashMap<>();
      if (!POD.equals(type)) stored(limitRange, at, item, CONTAINER.equals(type), limits, requests);
      LimitRangeAmounts.check(limitRange, at, item, limits, requests).forEach(p -> problems.add(refused(p)));
    }
    return problems;
  }

  /**
   * The defaults the Container items give, as the server stores them, limits then requests, with the fields they
   * come from; of two Container items (which {@link #check} refuses) the later one's. Ask {@link #check} first: a
   * LimitRange the server refuses gives none.
   */
  public static List<LimitRangeDefault> defaults(ResourceRef limitRange, List<LimitRangeItem> items) {
    Map<String, LimitRangeDefault> limits = new LinkedHashMap<>();
    Map<String, LimitRangeDefault> requests = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) != null && CONTAINER.equals(items.get(i).getType())) {
        stored(limitRange, "spec.limits[" + i + "]", items.get(i), true, limits, requests);
      }
    }
    List<LimitRangeDefault> defaults = new ArrayList<>(limits.values());
    defaults.addAll(requests.values());
    return List.copyOf(defaults);
  }

  /**
   * Puts one item's defaults, as stored, over those already in the maps: completed from the other fields for a
   * Container item, as written for any other.
   */
  private static void stored(ResourceRef ref, String at, LimitRangeItem item, boolean complete,
      Map<String, LimitRangeDefault> limits, Map<String, LimitRangeDefault> requests) {
    Map<String, LimitRangeDefault> itemLimits = new LinkedHashMap<>();
    Map<String, LimitRangeDefault> itemRequests = new LinkedHashMap<>();
    orEmpty(item.getDefault()).forEach((r, q) -> itemLimits.put(r, new LimitRangeDefault(r, q, true, ref,
        at + ".default." + r, "")));
    orEmpty(item.getDefaultRequest()).forEach((r, q) -> itemRequests.put(r, new LimitRangeDefault(r, q, false, ref,
        at + ".defaultRequest." + r, "")));
    if (complete) {
      orEmpty(item.getMax()).forEach((r, q) -> itemLimits.putIfAbsent(r, new LimitRangeDefault(r, q, true, ref,
          at + ".max." + r, "which stands for the default limit when there is none")));
      itemLimits.forEach((r, l) -> itemRequests.putIfAbsent(r, new LimitRangeDefault(r, l.value(), false, ref,
          l.field(), l.written() ? "which stands for the default request when there is none"
              : "which stands for the default limit and request when there are none")));
      orEmpty(item.getMin()).forEach((r, q) -> itemRequests.putIfAbsent(r, new LimitRangeDefault(r, q, false, ref,
          at + ".min." + r, "which stands for the default request when there is none")));
    }
    limits.putAll(itemLimits);
    requests.putAll(itemRequests);
  }

  /** A type the server knows, or a qualified name with a domain ({@code validateLimitRangeTypeName}). */
  private static void type(ResourceRef ref, String at, String type, List<Problem> problems) {
    if (type.isEmpty()) {
      problems.add(error(ref, at + ".type", "the item has no type", "set type: Container, Pod or"
          + " PersistentVolumeClaim"));
    } else if (!Names.checkLabelKey(type).isEmpty() || (!type.contains("/") && !TYPES.contains(type))) {
      problems.add(error(ref, at + ".type", "type '" + type + "' is neither Container, Pod, PersistentVolumeClaim"
          + " nor a qualified name with a domain", "use Container, Pod or PersistentVolumeClaim, as written (types"
          + " are case-sensitive)"));
    }
  }

  /** The resource names of one map of an item ({@code validateLimitRangeResourceName}). */
  private static void names(ResourceRef ref, String at, Map<String, Quantity> amounts, boolean containers,
      List<Problem> problems) {
    for (String name : orEmpty(amounts).keySet()) {
      List<String> wrong = containers ? ContainerResourceNames.check(name) : resourceName(name);
      for (String m : wrong) {
        problems.add(error(ref, at + "." + name, "resource '" + name + "' " + m, containers
            ? "use cpu, memory, ephemeral-storage, hugepages-<size> (such as hugepages-2Mi) or an extended"
                + " resource named with its domain (such as example.com/gpu)"
            : "use storage, or a resource named with its domain"));
      }
    }
  }

  /** A standard resource, or a qualified name with a domain ({@code validateResourceName}). */
  private static List<String> resourceName(String name) {
    if (!Names.checkLabelKey(name).isEmpty()) return List.of("is not a qualified name");
    if (!name.contains("/") && !STANDARD_RESOURCES.contains(name) && !name.startsWith("hugepages-")
        && !name.startsWith("requests.hugepages-")) {
      return List.of("is neither a standard resource nor a name with a domain");
    }
    return List.of();
  }

  private static void podDefault(ResourceRef ref, String at, Map<String, Quantity> amounts, List<Problem> problems) {
    if (!orEmpty(amounts).isEmpty()) {
      problems.add(error(ref, at, "an item of type Pod may not have defaults: the LimitRanger fills defaults into"
          + " containers, never into a Pod as a whole", "move them to an item of type Container"));
    }
  }

  private static Problem error(ResourceRef ref, String field, String message, String fix) {
    return Problem.error(ref, field, message + REFUSED, fix);
  }

  private static Problem refused(Problem p) {
    return Problem.builder().from(p).message(p.message() + REFUSED).build();
  }

  static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
    return map == null ? Map.of() : map;
  }
}
