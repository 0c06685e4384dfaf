package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ContainerResourceNames;
import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Defaults of LimitRanges the API server takes that it refuses in every container they fill in, as it validates a
 * container's resources ({@code ValidateResourceRequirements}, pkg/apis/core/validation/validation.go): an amount
 * below 0; an extended resource that is no whole number; huge pages that are no whole number of pages of the size
 * their name gives; a default request of a resource that cannot be overcommitted with no default limit of it in the
 * namespace ("Limit must be set for non overcommitable resources": every container that sets no limit of it); huge
 * pages with no cpu or memory default in the namespace ("HugePages require cpu or memory": every container that
 * sets neither). Each is reported once, on the LimitRange, and not again as the same refusal of the Pods it reaches;
 * any other problem of those Pods, such as a bound of the LimitRanger that the default breaks, is theirs.
 */
final class LimitRangeDefaultChecks {
  /** Why the server refuses a container that takes a default. */
  enum Refusal {
    /** Negative, no whole number of an extended resource, or no whole number of huge pages: every container. */
    AMOUNT,
    /** A default request of a resource that cannot be overcommitted: every container that sets no limit of it. */
    WITHOUT_LIMIT,
    /** Huge pages without cpu or memory: every container that sets neither. */
    HUGE_PAGES_ALONE
  }

  private static final String EVERY = ", so the API server refuses every container that takes it";

  private final Map<ResourceRef, List<Problem>> problems = new LinkedHashMap<>();
  private final Map<LimitRangeDefault, Set<Refusal>> refusals = new HashMap<>();
  private final Set<String> reportedFields = new HashSet<>();

  /**
   * @param own each LimitRange's defaults
   * @param limits the default limits of each namespace, merged
   * @param requests the default requests of each namespace, merged
   */
  LimitRangeDefaultChecks(Map<ResourceRef, List<LimitRangeDefault>> own,
      Map<String, Map<String, LimitRangeDefault>> limits, Map<String, Map<String, LimitRangeDefault>> requests) {
    own.values().forEach(defaults -> defaults.forEach(this::amount));
    requests.forEach((namespace, namespaceRequests) -> {
      Map<String, LimitRangeDefault> namespaceLimits = limits.getOrDefault(namespace, Map.of());
      namespaceRequests.values().forEach(d -> withoutLimit(namespace, d, namespaceLimits));
      hugePagesAlone(namespace, namespaceLimits, namespaceRequests);
    });
  }

  /** The errors of each LimitRange. */
  Map<ResourceRef, List<Problem>> problems() {
    return problems;
  }

  /** Whether the server refuses the containers this default fills in for this reason, as reported on its LimitRange. */
  boolean refused(LimitRangeDefault d, Refusal refusal) {
    return refusals.getOrDefault(d, Set.of()).contains(refusal);
  }

  private void amount(LimitRangeDefault d) {
    Optional<BigDecimal> amount = Quantities.amount(d.value());
    if (amount.isEmpty() || !ContainerResourceNames.check(d.resource()).isEmpty()) return;
    if (amount.get().signum() < 0) {
      report(d, Refusal.AMOUNT, d.named() + " is negative" + EVERY, "give a default of 0 or more");
    } else if (ContainerResourceNames.isExtended(d.resource()) && amount.get().stripTrailingZeros().scale() > 0) {
      report(d, Refusal.AMOUNT, d.named() + " is not a whole number, and extended resources come in whole units"
          + EVERY, "give a whole number, such as " + amount.get().setScale(0, RoundingMode.CEILING).toPlainString());
    } else if (ContainerResourceNames.isHugePages(d.resource())) {
      hugePages(d, amount.get());
    }
  }

  /**
   * Huge pages come in whole pages: the server refuses an amount (rounded up to a byte) that is no multiple of the
   * size the name ends with, and any amount when that size is no whole number of bytes
   * ({@code IsHugePageResourceValueDivisible}; "Manage HugePages" in the Kubernetes documentation).
   */
  private void hugePages(LimitRangeDefault d, BigDecimal amount) {
    String size = d.resource().substring(ContainerResourceNames.HUGE_PAGES.length());
    Optional<BigDecimal> page = pageSize(size);
    if (page.isEmpty()) {
      report(d, Refusal.AMOUNT, "resource '" + d.resource() + "' names no page size ('" + size + "' is not a whole"
          + " number of bytes)" + EVERY, "name huge pages by their size, such as hugepages-2Mi or hugepages-1Gi");
      return;
    }
    BigDecimal bytes = amount.setScale(0, RoundingMode.UP);
    if (bytes.remainder(page.get()).signum() == 0) return;
    BigDecimal pages = bytes.divide(page.get(), 0, RoundingMode.CEILING).max(BigDecimal.ONE);
    Quantity unit = new Quantity(size);
    String multiple = new BigDecimal(unit.getAmount()).multiply(pages).stripTrailingZeros().toPlainString()
        + unit.getFormat();
    report(d, Refusal.AMOUNT, d.named() + " is not a whole number of " + size + " pages" + EVERY, "give a multiple of "
        + size + ", such as " + multiple);
  }

  private static Optional<BigDecimal> pageSize(String size) {
    try {
      return Quantities.amount(new Quantity(size)).filter(p -> p.signum() > 0 && p.stripTrailingZeros().scale() <= 0);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A default request of a resource that cannot be overcommitted needs a default limit of it in the namespace. */
  private void withoutLimit(String namespace, LimitRangeDefault d, Map<String, LimitRangeDefault> namespaceLimits) {
    String r = d.resource();
    if (ContainerResourceNames.overcommitAllowed(r) || !ContainerResourceNames.check(r).isEmpty()
        || namespaceLimits.containsKey(r)) {
      return;
    }
    report(d, Refusal.WITHOUT_LIMIT, d.named() + " has no default limit in namespace " + namespace + ", and " + r
        + " cannot be overcommitted, so the API server refuses every container that sets no " + r + " limit",
        "give " + r + " a default limit of the same amount, or leave out the default request");
  }

  /** Huge pages need cpu or memory beside them, which a default of the namespace gives containers that set neither. */
  private void hugePagesAlone(String namespace, Map<String, LimitRangeDefault> namespaceLimits,
      Map<String, LimitRangeDefault> namespaceRequests) {
    List<LimitRangeDefault> defaults = Stream.concat(namespaceLimits.values().stream(),
        namespaceRequests.values().stream()).toList();
    if (defaults.stream().anyMatch(d -> d.resource().equals("cpu") || d.resource().equals("memory"))) return;
    List<LimitRangeDefault> hugePages = defaults.stream().filter(d -> ContainerResourceNames.isHugePages(d.resource())
        && ContainerResourceNames.check(d.resource()).isEmpty()).toList();
    if (hugePages.isEmpty()) return;
    LimitRangeDefault first = hugePages.get(0);
    report(first, Refusal.HUGE_PAGES_ALONE, first.named() + " brings huge pages, but no LimitRange of namespace "
        + namespace + " gives cpu or memory, so the API server refuses every container with them that sets neither",
        "give a default request or limit of memory (or cpu) beside it");
    hugePages.forEach(d -> mark(d, Refusal.HUGE_PAGES_ALONE));
  }

  /** Once per rule and field: a default limit that also stands for the default request is one mistake. */
  private void report(LimitRangeDefault d, Refusal refusal, String message, String fix) {
    mark(d, refusal);
    if (!reportedFields.add(d.limitRange() + " " + d.field() + " " + refusal)) return;
    problems.computeIfAbsent(d.limitRange(), k -> new ArrayList<>())
        .add(Problem.error(d.limitRange(), d.field(), message, fix));
  }

  private void mark(LimitRangeDefault d, Refusal refusal) {
    refusals.computeIfAbsent(d, k -> EnumSet.noneOf(Refusal.class)).add(refusal);
  }
}
