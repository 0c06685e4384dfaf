package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A container's resource requests and limits, as the API server validates a pod
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/): names are cpu, memory,
 * ephemeral-storage, {@code hugepages-<size>} or extended resources with a domain; amounts are not negative, and
 * extended resources come in whole units; a request may not exceed its limit; hugepages and extended resources
 * cannot be overcommitted, so a request of one needs a limit equal to it
 * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources); hugepages
 * need a cpu or memory request or limit beside them
 * (https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/). A bare Pod is judged as the server
 * judges it once the LimitRanges of its namespace have filled in their defaults ({@link LimitRangeDefaults}); a
 * problem that only exists then says which default causes it.
 */
final class ResourceRequestChecks {
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String NAMES_FIX = "use cpu, memory, ephemeral-storage, hugepages-<size> (such as "
      + "hugepages-2Mi) or an extended resource named with its domain (such as example.com/gpu)";

  private ResourceRequestChecks() {}

  static void check(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    if (o.ref.groupKind().equals("LimitRange")) {
      LimitRangeDefaults.of(spec).conflicts(o.ref).forEach(p -> problems.add(p.inComponent(o.component)));
    }
    Workloads.podTemplate(o.object).ifPresent(template -> {
      PodSpec pod = template.getSpec();
      String at = Workloads.podSpecPath(o.ref.kind());
      // Only a bare Pod gets its namespace's LimitRange defaults: the LimitRanger admission plugin mutates Pods,
      // and the server validates a workload's pod template as written.
      Defaulting defaulting = o.ref.groupKind().equals("Pod") && o.ref.namespace().isPresent()
          ? (requests, limits) -> LimitRangeDefaults.of(spec).fill(o.ref.namespace().get(), requests, limits)
          : DefaultedResources::asWritten;
      containers(o, at + ".initContainers", pod.getInitContainers(), defaulting, problems);
      containers(o, at + ".containers", pod.getContainers(), defaulting, problems);
    });
  }

  /** The requests and limits the server validates, from those written. */
  private interface Defaulting {
    DefaultedResources apply(Map<String, Quantity> requests, Map<String, Quantity> limits);
  }

  private static void containers(CompiledObject o, String field, List<Container> containers, Defaulting defaulting,
      List<Problem> problems) {
    if (containers == null) return;
    for (int i = 0; i < containers.size(); i++) {
      ResourceRequirements resources = containers.get(i).getResources();
      String at = field + "[" + i + "].resources";
      Map<String, Quantity> written = resources == null || resources.getRequests() == null ? Map.of()
          : resources.getRequests();
      Map<String, Quantity> writtenLimits = resources == null || resources.getLimits() == null ? Map.of()
          : resources.getLimits();
      Map<String, BigDecimal> limitAmounts = amounts(o, at + ".limits", writtenLimits, problems);
      Map<String, BigDecimal> requestAmounts = amounts(o, at + ".requests", written, problems);
      DefaultedResources defaulted = defaulting.apply(written, writtenLimits);
      defaulted.limits().forEach((name, q) -> limitAmounts.computeIfAbsent(name, k -> amount(q)));
      defaulted.requests().forEach((name, q) -> requestAmounts.computeIfAbsent(name, k -> amount(q)));
      for (Map.Entry<String, Quantity> request : defaulted.requests().entrySet()) {
        if (isContainerResource(request.getKey())) {
          against(o, at, request, defaulted, requestAmounts.get(request.getKey()),
              limitAmounts.get(request.getKey()), problems);
        }
      }
      boolean writtenHugePages = Stream.concat(written.keySet().stream(), writtenLimits.keySet().stream())
          .anyMatch(ResourceRequestChecks::isHugePages);
      hugePagesBesideCpuOrMemory(o, at, writtenHugePages, defaulted, problems);
    }
  }

  /**
   * Hugepages need a cpu or memory request or limit beside them, which a LimitRange default may give; the error
   * names the defaults when they alone bring the hugepages in.
   */
  private static void hugePagesBesideCpuOrMemory(CompiledObject o, String at, boolean writtenHugePages,
      DefaultedResources defaulted, List<Problem> problems) {
    Map<String, Quantity> requests = defaulted.requests();
    Map<String, Quantity> limits = defaulted.limits();
    boolean hugePages = requests.keySet().stream().anyMatch(ResourceRequestChecks::isHugePages)
        || limits.keySet().stream().anyMatch(ResourceRequestChecks::isHugePages);
    boolean cpuOrMemory = requests.containsKey("cpu") || requests.containsKey("memory")
        || limits.containsKey("cpu") || limits.containsKey("memory");
    if (hugePages && !cpuOrMemory) {
      List<LimitRangeDefault> filled = Stream.concat(defaulted.filledRequests().values().stream(),
          defaulted.filledLimits().values().stream()).filter(d -> isHugePages(d.resource())).toList();
      problems.add(ObjectChecks.error(o, at, "hugepages are requested without cpu or memory, which the API "
          + "server refuses" + (writtenHugePages ? "" : after(filled)), "add a memory (or cpu) request or limit "
          + "to the container"));
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

  /**
   * One request against the limit of the same resource, either written or filled in by a LimitRange; the amounts
   * are null where they are no numbers.
   */
  private static void against(CompiledObject o, String at, Map.Entry<String, Quantity> request,
      DefaultedResources defaulted, BigDecimal requested, BigDecimal limited, List<Problem> problems) {
    String name = request.getKey();
    Quantity limit = defaulted.limits().get(name);
    boolean overcommittable = !isHugePages(name) && !isExtended(name);
    Optional<LimitRangeDefault> filledRequest = defaulted.filledRequest(name);
    Optional<LimitRangeDefault> filledLimit = defaulted.filledLimit(name);
    List<LimitRangeDefault> filled = new ArrayList<>();
    filledRequest.ifPresent(filled::add);
    filledLimit.ifPresent(filled::add);
    String whose = filled.isEmpty() ? "" : " in the Pod";
    String orLimitRange = filled.stream().map(d -> d.limitRange().qualifiedName()).distinct()
        .map(lr -> ", or change the default in LimitRange " + lr).collect(Collectors.joining());
    if (limit == null) {
      if (!overcommittable) {
        problems.add(ObjectChecks.error(o, at + ".limits", name + " is requested without a limit, and "
            + kindOf(name) + " cannot be overcommitted" + after(filled), "set limits." + name + " equal to the "
            + "request" + whose + " (or set the limit alone: the request defaults to it)" + orLimitRange));
      }
      return;
    }
    if (requested == null || limited == null) return;
    if (!overcommittable && requested.compareTo(limited) != 0) {
      problems.add(ObjectChecks.error(o, at + ".requests." + name, "the request " + request.getValue()
          + " differs from the limit " + limit + " of " + name + ", and " + kindOf(name) + " cannot be "
          + "overcommitted" + after(filled), (filled.isEmpty() ? "make the request equal to the limit, or leave "
          + "the request out (it defaults to the limit)" : "set limits." + name + " equal to the request" + whose)
          + orLimitRange));
    } else if (requested.compareTo(limited) > 0) {
      problems.add(ObjectChecks.error(o, at + ".requests." + name, "the request " + request.getValue()
          + " is above the limit " + limit + " of " + name + after(filled), (filled.isEmpty() ? "lower the request "
          + "to the limit at most, or raise the limit" : "set limits." + name + whose + " to the request at "
          + "least, or lower the request") + orLimitRange));
    }
  }

  /** The end of a message on a problem that only exists once LimitRange defaults are filled in; else empty. */
  private static String after(List<LimitRangeDefault> filled) {
    if (filled.isEmpty()) return "";
    return ", after " + filled.stream().map(LimitRangeDefault::describe).collect(Collectors.joining(" and "))
        + (filled.size() == 1 ? " fills it in" : " fill them in");
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
  static BigDecimal amount(Quantity quantity) {
    if (quantity == null) return null;
    try {
      return quantity.getNumericalAmount();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
