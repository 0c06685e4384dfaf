package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's resource requests and limits, as the API server validates a pod
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/): names are cpu, memory,
 * ephemeral-storage, {@code hugepages-<size>} or extended resources with a domain; amounts are not negative, and
 * extended resources come in whole units; a request may not exceed its limit; hugepages and extended resources
 * cannot be overcommitted, so a request of one needs a limit equal to it
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources); hugepages
 * need a cpu or memory request or limit beside them
 * (https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/).
 */
final class ResourceRequestChecks {
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String NAMES_FIX = "use cpu, memory, ephemeral-storage, hugepages-<size> (such as "
      + "hugepages-2Mi) or an extended resource named with its domain (such as example.com/gpu)";

  private ResourceRequestChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    Workloads.podTemplate(o.object).ifPresent(template -> {
      PodSpec pod = template.getSpec();
      String at = Workloads.podSpecPath(o.ref.kind());
      containers(o, at + ".initContainers", pod.getInitContainers(), problems);
      containers(o, at + ".containers", pod.getContainers(), problems);
    });
  }

  private static void containers(CompiledObject o, String field, List<Container> containers,
      List<Problem> problems) {
    if (containers == null) return;
    for (int i = 0; i < containers.size(); i++) {
      ResourceRequirements resources = containers.get(i).getResources();
      if (resources == null) continue;
      String at = field + "[" + i + "].resources";
      Map<String, Quantity> requests = resources.getRequests() == null ? Map.of() : resources.getRequests();
      Map<String, Quantity> limits = resources.getLimits() == null ? Map.of() : resources.getLimits();
      Map<String, BigDecimal> limitAmounts = amounts(o, at + ".limits", limits, problems);
      Map<String, BigDecimal> requestAmounts = amounts(o, at + ".requests", requests, problems);
      for (Map.Entry<String, Quantity> request : requests.entrySet()) {
        if (isContainerResource(request.getKey())) {
          against(o, at, request, limits, requestAmounts.get(request.getKey()),
              limitAmounts.get(request.getKey()), problems);
        }
      }
      boolean hugePages = requests.keySet().stream().anyMatch(ResourceRequestChecks::isHugePages)
          || limits.keySet().stream().anyMatch(ResourceRequestChecks::isHugePages);
      boolean cpuOrMemory = requests.containsKey("cpu") || requests.containsKey("memory")
          || limits.containsKey("cpu") || limits.containsKey("memory");
      if (hugePages && !cpuOrMemory) {
        problems.add(ObjectChecks.error(o, at, "hugepages are requested without cpu or memory, which the API "
            + "server refuses", "add a memory (or cpu) request or limit to the container"));
      }
    }
  }

  /**
   * Checks the names and amounts of one map, requests or limits; returns the amounts that are numbers, by resource
   * name (read once: a quantity's number costs more than the rest of the check).
   */
  private static Map<String, BigDecimal> amounts(CompiledObject o, String field, Map<String, Quantity> amounts,
      List<Problem> problems) {
    Map<String, BigDecimal> numbers = new HashMap<>();
    for (Map.Entry<String, Quantity> entry : amounts.entrySet()) {
      String name = entry.getKey();
      if (!isContainerResource(name)) {
        problems.add(ObjectChecks.error(o, field + "." + name, "'" + name + "' is not a resource a container can "
            + "request or limit", NAMES_FIX));
        continue;
      }
      BigDecimal amount = amount(entry.getValue());
      if (amount == null) continue;
      numbers.put(name, amount);
      if (amount.signum() < 0) {
        problems.add(ObjectChecks.error(o, field + "." + name, "the amount " + entry.getValue() + " of " + name
            + " is negative", "give an amount of 0 or more"));
      } else if (isExtended(name) && amount.stripTrailingZeros().scale() > 0) {
        problems.add(ObjectChecks.error(o, field + "." + name, "the amount " + entry.getValue() + " of " + name
            + " is not a whole number, and extended resources come in whole units", "give a whole number"));
      }
    }
    return numbers;
  }

  /** One request against the limit of the same resource; the amounts are null where they are no numbers. */
  private static void against(CompiledObject o, String at, Map.Entry<String, Quantity> request,
      Map<String, Quantity> limits, BigDecimal requested, BigDecimal limited, List<Problem> problems) {
    String name = request.getKey();
    Quantity limit = limits.get(name);
    boolean overcommittable = !isHugePages(name) && !isExtended(name);
    if (limit == null) {
      if (!overcommittable) {
        problems.add(ObjectChecks.error(o, at + ".limits", name + " is requested without a limit, and "
            + kindOf(name) + " cannot be overcommitted", "set limits." + name + " equal to the request (or set "
            + "the limit alone: the request defaults to it)"));
      }
      return;
    }
    if (requested == null || limited == null) return;
    if (!overcommittable && requested.compareTo(limited) != 0) {
      problems.add(ObjectChecks.error(o, at + ".requests." + name, "the request " + request.getValue()
          + " differs from the limit " + limit + " of " + name + ", and " + kindOf(name) + " cannot be "
          + "overcommitted", "make the request equal to the limit, or leave the request out (it defaults to the "
          + "limit)"));
    } else if (requested.compareTo(limited) > 0) {
      problems.add(ObjectChecks.error(o, at + ".requests." + name, "the request " + request.getValue()
          + " is above the limit " + limit + " of " + name, "lower the request to the limit at most, or raise the "
          + "limit"));
    }
  }

  private static String kindOf(String name) {
    return isHugePages(name) ? "hugepages" : "extended resources";
  }

  /** A name the API server takes in a container's resources: standard, hugepages or a valid extended name. */
  private static boolean isContainerResource(String name) {
    if (!name.contains("/")) return STANDARD.contains(name) || isHugePages(name);
    return isNative(name) || (!name.startsWith("requests.") && Names.checkLabelKey(name).isEmpty());
  }

  private static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  /** Native resources have no domain, or the kubernetes.io one; every other name with a domain is extended. */
  private static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  private static boolean isExtended(String name) {
    return !isNative(name);
  }

  /** The quantity as a number; null where it has none (no quantity, or one that is not a number). */
  private static BigDecimal amount(Quantity quantity) {
    if (quantity == null) return null;
    try {
      return quantity.getNumericalAmount();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
