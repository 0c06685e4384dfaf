package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ContainerResourceNames;
import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.internal.plan.LimitRangeDefaultChecks.Refusal;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * (https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/).
 *
 * <p>A Pod is judged as the server judges it once the LimitRanges of its namespace have filled in their defaults
 * ({@link LimitRangeDefaults}), then, if valid, as the LimitRanger holds it to their bounds ({@link
 * LimitRangerChecks}); a problem that only exists then says which default or bound causes it. A workload's pod
 * template is judged as written, as the server takes it; when it passes, the Pods its controller creates from it are
 * judged as a bare Pod, and their problems are errors too: the workload is created, but never runs a Pod (the
 * controller's FailedCreate events), as for a Pod Security level the namespace enforces. The LimitRanges themselves
 * are judged by {@link dev.shipshape.core.LimitRangeRules}.
 */
final class ResourceRequestChecks {
  private static final String NAMES_FIX = "use cpu, memory, ephemeral-storage, hugepages-<size> (such as "
      + "hugepages-2Mi) or an extended resource named with its domain (such as example.com/gpu)";

  private ResourceRequestChecks() {}

  static void check(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    LimitRangeDefaults limitRanges = LimitRangeDefaults.of(spec);
    if (o.ref.groupKind().equals("LimitRange")) {
      limitRanges.problems(o.ref).forEach(p -> problems.add(p.inComponent(o.component)));
    }
    Workloads.podTemplate(o.object).ifPresent(template -> pod(o, template.getSpec(), limitRanges, problems));
  }

  private static void pod(CompiledObject o, PodSpec pod, LimitRangeDefaults limitRanges, List<Problem> problems) {
    String at = Workloads.podSpecPath(o.ref.kind());
    List<PodContainer> containers = PodContainer.of(at, pod);
    PodFindings findings = new PodFindings(o, limitRanges, problems);
    List<Map<String, BigDecimal>> limitAmounts = new ArrayList<>();
    List<Map<String, BigDecimal>> requestAmounts = new ArrayList<>();
    for (PodContainer c : containers) {
      limitAmounts.add(amounts(c.field() + ".resources.limits", c.limits(), findings));
      requestAmounts.add(amounts(c.field() + ".resources.requests", c.requests(), findings));
    }
    boolean bare = o.ref.groupKind().equals("Pod");
    Optional<String> namespace = o.ref.namespace().filter(limitRanges::inNamespace);
    // Without LimitRanges, a Pod is what is written, as is a template's Pod: judged once.
    if (!bare || namespace.isEmpty()) {
      judge(containers, i -> DefaultedResources.asWritten(containers.get(i).requests(), containers.get(i).limits()),
          limitAmounts, requestAmounts, findings);
      if (findings.refused() || namespace.isEmpty()) return;
      findings.ofTemplatePods();
    }
    List<LimitRangeOrder> orders = limitRanges.orders(namespace.get());
    WrittenPod written = new WrittenPod(at, pod, containers, limitAmounts, requestAmounts);
    if (findings.refused() || orders.size() == 1) {
      written.created(limitRanges, namespace.get(), orders.get(0), findings);
      return;
    }
    // Under LimitRanges whose defaults differ, the order the server applies them in, which is not fixed, decides.
    List<List<Problem>> found = new ArrayList<>();
    for (LimitRangeOrder order : orders) {
      List<Problem> ofOrder = new ArrayList<>();
      PodFindings orderFindings = new PodFindings(o, limitRanges, ofOrder);
      if (!bare) orderFindings.ofTemplatePods();
      written.created(limitRanges, namespace.get(), order, orderFindings);
      found.add(orderFindings.refused() ? ofOrder : null);
    }
    int refusing = (int) found.stream().filter(Objects::nonNull).count();
    if (refusing == orders.size()) {
      problems.addAll(found.get(0));
    } else if (refusing > 0) {
      int first = found.indexOf(found.stream().filter(Objects::nonNull).findFirst().orElseThrow());
      found.get(first).forEach(p -> problems.add(byOrder(p, orders.get(first), bare)));
    }
  }

  /** A pod spec as written: where it is, its containers, and the amounts of their limits and requests. */
  private record WrittenPod(String at, PodSpec pod, List<PodContainer> containers,
      List<Map<String, BigDecimal>> limitAmounts, List<Map<String, BigDecimal>> requestAmounts) {

    /** The Pods created: their containers with the defaults of one order of the LimitRanges, then their bounds. */
    void created(LimitRangeDefaults limitRanges, String namespace, LimitRangeOrder order, PodFindings findings) {
      List<DefaultedResources> defaulted = containers.stream()
          .map(c -> limitRanges.fill(order, c.requests(), c.limits())).toList();
      judge(containers, defaulted::get, limitAmounts, requestAmounts, findings);
      // The LimitRanger's bounds are checked after the Pod validates (validating admission), so only then.
      if (!findings.refused()) {
        new LimitRangerChecks(findings, at).check(limitRanges.bounds(namespace), containers, defaulted, pod);
      }
    }
  }

  /** A refusal under one order of the LimitRanges but not under every one: a warning. */
  private static Problem byOrder(Problem refusal, LimitRangeOrder order, boolean bare) {
    return Problem.builder().from(refusal).severity(ProblemSeverity.WARNING).message("when the API server applies"
        + " the LimitRanges of the namespace in the order " + order.described() + " (it follows no fixed order), "
        + (bare ? "it refuses the Pod: " : "") + refusal.message()).fix(refusal.fix() + "; or give each resource its"
        + " defaults in one LimitRange of the namespace, so that no order matters").build();
  }

  /** The requests and limits the server validates of the i-th container, from those written. */
  private interface Defaulting {
    DefaultedResources of(int container);
  }

  private static void judge(List<PodContainer> containers, Defaulting defaulting,
      List<Map<String, BigDecimal>> limitAmounts, List<Map<String, BigDecimal>> requestAmounts,
      PodFindings findings) {
    for (int i = 0; i < containers.size(); i++) {
      PodContainer c = containers.get(i);
      String at = c.field() + ".resources";
      DefaultedResources defaulted = defaulting.of(i);
      if (findings.refusedForAmount(defaulted)) continue;
      Map<String, BigDecimal> limited = new HashMap<>(limitAmounts.get(i));
      Map<String, BigDecimal> requested = new HashMap<>(requestAmounts.get(i));
      defaulted.limits().forEach((name, q) -> limited.computeIfAbsent(name, k -> amount(q)));
      defaulted.requests().forEach((name, q) -> requested.computeIfAbsent(name, k -> amount(q)));
      for (Map.Entry<String, Quantity> request : defaulted.requests().entrySet()) {
        if (isContainerResource(request.getKey())) {
          against(at, request, defaulted, requested.get(request.getKey()), limited.get(request.getKey()), findings);
        }
      }
      boolean writtenHugePages = Stream.concat(c.requests().keySet().stream(), c.limits().keySet().stream())
          .anyMatch(ContainerResourceNames::isHugePages);
      hugePagesBesideCpuOrMemory(at, writtenHugePages, defaulted, findings);
    }
  }

  /**
   * Hugepages need a cpu or memory request or limit beside them, which a LimitRange default may give; the error
   * names the defaults when they alone bring the hugepages in.
   */
  private static void hugePagesBesideCpuOrMemory(String at, boolean writtenHugePages, DefaultedResources defaulted,
      PodFindings findings) {
    Map<String, Quantity> requests = defaulted.requests();
    Map<String, Quantity> limits = defaulted.limits();
    boolean hugePages = requests.keySet().stream().anyMatch(ContainerResourceNames::isHugePages)
        || limits.keySet().stream().anyMatch(ContainerResourceNames::isHugePages);
    boolean cpuOrMemory = requests.containsKey("cpu") || requests.containsKey("memory")
        || limits.containsKey("cpu") || limits.containsKey("memory");
    if (hugePages && !cpuOrMemory) {
      List<LimitRangeDefault> filled = writtenHugePages ? List.of() : Stream.concat(
          defaulted.filledRequests().values().stream(), defaulted.filledLimits().values().stream())
          .filter(d -> ContainerResourceNames.isHugePages(d.resource())).toList();
      findings.error(Refusal.HUGE_PAGES_ALONE, at, "hugepages are requested without cpu or memory, which the API"
          + " server refuses" + after(filled), "add a memory (or cpu) request or limit to the container", filled);
    }
  }

  /**
   * Checks the names and amounts of one map, requests or limits, as written; returns the amounts that are numbers,
   * by resource name (read once: a quantity's number costs more than the rest of the check).
   */
  private static Map<String, BigDecimal> amounts(String field, Map<String, Quantity> amounts, PodFindings findings) {
    Map<String, BigDecimal> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, Quantity> entry : amounts.entrySet()) {
      String name = entry.getKey();
      if (!isContainerResource(name)) {
        findings.error(field + "." + name, "'" + name + "' is not a resource a container can request or limit",
            NAMES_FIX);
        continue;
      }
      BigDecimal amount = amount(entry.getValue());
      if (amount == null) continue;
      numbers.put(name, amount);
      if (amount.signum() < 0) {
        findings.error(field + "." + name, "the amount " + entry.getValue() + " of " + name + " is negative",
            "give an amount of 0 or more");
      } else if (ContainerResourceNames.isExtended(name) && amount.stripTrailingZeros().scale() > 0) {
        findings.error(field + "." + name, "the amount " + entry.getValue() + " of " + name + " is not a whole"
            + " number, and extended resources come in whole units", "give a whole number");
      }
    }
    return numbers;
  }

  /**
   * One request against the limit of the same resource, either written or filled in by a LimitRange; the amounts
   * are null where they are no numbers.
   */
  private static void against(String at, Map.Entry<String, Quantity> request, DefaultedResources defaulted,
      BigDecimal requested, BigDecimal limited, PodFindings findings) {
    String name = request.getKey();
    Quantity limit = defaulted.limits().get(name);
    boolean overcommittable = ContainerResourceNames.overcommitAllowed(name);
    List<LimitRangeDefault> filled = new ArrayList<>();
    defaulted.filledRequest(name).ifPresent(filled::add);
    defaulted.filledLimit(name).ifPresent(filled::add);
    String whose = filled.isEmpty() ? "" : findings.where();
    String orLimitRange = orLimitRange(filled, findings);
    if (limit == null) {
      if (!overcommittable) {
        findings.error(Refusal.WITHOUT_LIMIT, at + ".limits", name + " is requested without a limit, and "
            + kindOf(name) + " cannot be overcommitted" + after(filled), "set limits." + name + " equal to the request"
            + whose + " (or set the limit alone: the request defaults to it)" + orLimitRange, filled);
      }
      return;
    }
    if (requested == null || limited == null) return;
    if (!overcommittable && requested.compareTo(limited) != 0) {
      findings.error(at + ".requests." + name, "the request " + request.getValue() + " differs from the limit "
          + limit + " of " + name + ", and " + kindOf(name) + " cannot be overcommitted" + after(filled),
          (filled.isEmpty() ? "make the request equal to the limit, or leave the request out (it defaults to the"
              + " limit)" : "set limits." + name + " equal to the request" + whose) + orLimitRange);
    } else if (requested.compareTo(limited) > 0) {
      findings.error(at + ".requests." + name, "the request " + request.getValue() + " is above the limit " + limit
          + " of " + name + after(filled), (filled.isEmpty() ? "lower the request to the limit at most, or raise the"
              + " limit" : "set limits." + name + whose + " to the request at least, or lower the request")
              + orLimitRange);
    }
  }

  /** The end of a fix that offers to change the LimitRanges of these defaults instead; else empty. */
  static String orLimitRange(List<LimitRangeDefault> filled, PodFindings findings) {
    return filled.stream().map(LimitRangeDefault::limitRange).distinct()
        .map(lr -> ", or change the default in " + findings.named(lr)).collect(Collectors.joining());
  }

  /** The end of a message on a problem that only exists once LimitRange defaults are filled in; else empty. */
  static String after(List<LimitRangeDefault> filled) {
    if (filled.isEmpty()) return "";
    return ", after " + filled.stream().map(LimitRangeDefault::describe).collect(Collectors.joining(" and "))
        + (filled.size() == 1 ? " fills it in" : " fill them in");
  }

  private static String kindOf(String name) {
    return ContainerResourceNames.isHugePages(name) ? "hugepages" : "extended resources";
  }

  /** A name the API server takes in a container's resources: standard, hugepages or a valid extended name. */
  private static boolean isContainerResource(String name) {
    return ContainerResourceNames.check(name).isEmpty();
  }

  /** The quantity as a number; null where it has none (no quantity, or one that is not a number). */
  private static BigDecimal amount(Quantity quantity) {
    return Quantities.amount(quantity).orElse(null);
  }
}
