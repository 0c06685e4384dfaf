package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tenant's ResourceQuota and LimitRange as the API server validates them (resource names, quantities at least
 * 0, whole numbers where counted, default requests at most the default limits) or validates the containers the
 * LimitRange fills in (whole huge pages, limits of resources that cannot be overcommitted, CPU or memory beside
 * huge pages), the defaults of extended resources that every pod would then ask for, and the quota on CPU or
 * memory that makes the server refuse every pod the LimitRange does not fill in ("Resource Quotas" in the
 * Kubernetes documentation: a quota on a compute resource requires every new container to set that request or
 * limit).
 */
final class BudgetChecks {
  private static final String REQUESTS = "requests.";
  private static final String LIMITS = "limits.";
  private static final List<String> COMPUTE = List.of("cpu", "memory");

  private BudgetChecks() {}

  static void check(Tenant tenant, List<Problem> problems) {
    ResourceRef quota = ResourceRef.namespaced("", "ResourceQuota", tenant.namespace(), tenant.name() + "-quota");
    tenant.quota().forEach((resource, value) -> quotaEntry(quota, resource, value, problems));
    ResourceRef limits = ResourceRef.namespaced("", "LimitRange", tenant.namespace(), tenant.name() + "-limits");
    String requestsField = "spec.limits[0].defaultRequest";
    String limitsField = "spec.limits[0].default";
    tenant.defaultRequests().forEach((resource, value) -> limitEntry(limits, requestsField, "defaultRequests",
        resource, value, problems));
    tenant.defaultLimits().forEach((resource, value) -> limitEntry(limits, limitsField, "defaultLimits", resource,
        value, problems));
    tenant.defaultRequests().forEach((resource, request) -> {
      String limit = tenant.defaultLimits().get(resource);
      if (limit != null) {
        requestWithinLimit(limits, requestsField, resource, request, limit, problems);
      } else {
        requestWithoutLimit(limits, requestsField, resource, request, problems);
      }
    });
    hugePagesBeside(tenant, limits, problems);
    extendedDefaults(tenant, limits, problems);
    tenant.quota().keySet().forEach(resource -> filledIn(tenant, quota, resource, problems));
    bounded(tenant, problems);
  }

  /**
   * On a shared cluster each tenant's CPU and memory need a quota, or one tenant's pods can take the capacity the
   * others need (the Kubernetes multi-tenancy benchmarks, "Configure namespace resource quotas").
   */
  private static void bounded(Tenant tenant, List<Problem> problems) {
    List<String> unbounded = COMPUTE.stream().filter(r -> !tenant.quota().containsKey(r)
        && !tenant.quota().containsKey(REQUESTS + r) && !tenant.quota().containsKey(LIMITS + r)).toList();
    if (unbounded.isEmpty()) return;
    String what = String.join(" and ", unbounded);
    String keys = unbounded.stream().map(r -> "\"" + REQUESTS + r + "\", ...").collect(Collectors.joining(", "));
    problems.add(Problem.warning(ResourceRef.clusterScoped("", "Namespace", tenant.namespace()), "quota", "tenant '"
        + tenant.name() + "' sets no quota on " + what + ", so its pods can take the " + what + " of the nodes that"
        + " the other tenants need", "bound it with quota(Map.of(" + keys + "))"));
  }

  private static void quotaEntry(ResourceRef quota, String resource, String value, List<Problem> problems) {
    String field = "spec.hard[" + resource + "]";
    for (String m : ResourceNames.checkQuotaResource(resource)) {
      problems.add(Problem.error(quota, field, "resource '" + resource + "' " + m, "give quota(...) resources"
          + " such as requests.cpu, requests.memory, limits.memory, pods or count/deployments.apps"));
    }
    Optional<BigDecimal> amount = quantity(quota, field, "quota", value, problems);
    if (amount.isEmpty()) return;
    if (amount.get().signum() < 0) {
      problems.add(Problem.error(quota, field, "'" + value + "' is negative", "give quota(...) an amount of at"
          + " least 0 for " + resource));
    } else if (ResourceNames.isInteger(resource) && amount.get().stripTrailingZeros().scale() > 0) {
      problems.add(Problem.error(quota, field, "'" + value + "' is not a whole number, and " + resource
          + " is counted in whole units", "give quota(...) a whole number for " + resource + ", such as '"
          + amount.get().setScale(0, RoundingMode.CEILING).toPlainString() + "'"));
    }
  }

  private static void limitEntry(ResourceRef limits, String field, String method, String resource,
      String value, List<Problem> problems) {
    String at = field + "[" + resource + "]";
    for (String m : ResourceNames.checkContainerResource(resource)) {
      problems.add(Problem.error(limits, at, "resource '" + resource + "' " + m, "give " + method
          + "(...) container resources such as cpu, memory or ephemeral-storage"));
    }
    Optional<BigDecimal> amount = quantity(limits, at, method, value, problems);
    if (amount.isEmpty()) return;
    if (amount.get().signum() < 0) {
      problems.add(Problem.error(limits, at, "'" + value + "' is negative, so every container that takes it is"
          + " refused", "give " + method + "(...) an amount of at least 0 for " + resource));
    } else if (ResourceNames.isExtended(resource) && amount.get().stripTrailingZeros().scale() > 0) {
      problems.add(Problem.error(limits, at, "'" + value + "' is not a whole number, and " + resource + " is"
          + " counted in whole units, so every container that takes it is refused", "give " + method + "(...) a"
          + " whole number for " + resource + ", such as '" + amount.get().setScale(0, RoundingMode.CEILING)
          .toPlainString() + "'"));
    } else if (resource.startsWith(ResourceNames.HUGE_PAGES)) {
      hugePages(limits, at, method, resource, value, amount.get(), problems);
    }
  }

  /**
   * Huge pages are given in whole pages: the API server refuses a container whose amount (rounded up to a byte) is
   * not a multiple of the size its resource name ends with, and any amount when that size is no whole number of
   * bytes ("Manage HugePages" in the Kubernetes documentation).
   */
  private static void hugePages(ResourceRef limits, String at, String method, String resource, String value,
      BigDecimal amount, List<Problem> problems) {
    String size = resource.substring(ResourceNames.HUGE_PAGES.length());
    Optional<BigDecimal> page = amount(size).filter(p -> p.signum() > 0 && p.stripTrailingZeros().scale() <= 0);
    if (page.isEmpty()) {
      problems.add(Problem.error(limits, at, "resource '" + resource + "' names no page size ('" + size + "' is"
          + " not a whole number of bytes), so every container that takes it is refused", "name the huge pages of "
          + method + "(...) by their size, such as hugepages-2Mi or hugepages-1Gi"));
      return;
    }
    BigDecimal bytes = amount.setScale(0, RoundingMode.CEILING);
    if (bytes.remainder(page.get()).signum() == 0) return;
    BigDecimal pages = bytes.divide(page.get(), 0, RoundingMode.CEILING).max(BigDecimal.ONE);
    Quantity unit = new Quantity(size);
    String multiple = new BigDecimal(unit.getAmount()).multiply(pages).stripTrailingZeros().toPlainString()
        + unit.getFormat();
    problems.add(Problem.error(limits, at, "'" + value + "' is not a whole number of " + size + " pages, so every"
        + " container that takes it is refused", "give " + method + "(...) a multiple of " + size + " for "
        + resource + ", such as '" + multiple + "'"));
  }

  /**
   * A resource that cannot be overcommitted needs a limit, which the LimitRange fills in from its default limit
   * only: with a default request alone, the API server refuses every container that sets no limit of it
   * ("Limit must be set for non overcommitable resources", checked on kube-apiserver 1.34).
   */
  private static void requestWithoutLimit(ResourceRef limits, String field, String resource, String request,
      List<Problem> problems) {
    if (!ResourceNames.checkContainerResource(resource).isEmpty() || ResourceNames.overcommitAllowed(resource)) {
      return;
    }
    problems.add(Problem.error(limits, field + "[" + resource + "]", "default request " + resource + "=" + request
        + " has no default limit, and " + resource + " cannot be overcommitted: the API server refuses every"
        + " container that sets no " + resource + " limit", "give " + resource + " the same amount in"
        + " defaultLimits(...), or leave it out of defaultRequests(...)"));
  }

  /**
   * The API server refuses a container with huge pages but neither CPU nor memory ("HugePages require cpu or
   * memory"), so huge-page defaults need a CPU or memory default beside them for the containers that set neither.
   */
  private static void hugePagesBeside(Tenant tenant, ResourceRef limits, List<Problem> problems) {
    Map<String, String> defaults = new LinkedHashMap<>(tenant.defaultLimits());
    tenant.defaultRequests().forEach(defaults::putIfAbsent);
    if (COMPUTE.stream().anyMatch(defaults::containsKey)) return;
    defaults.keySet().stream().filter(r -> r.startsWith(ResourceNames.HUGE_PAGES)
        && ResourceNames.checkContainerResource(r).isEmpty()).findFirst().ifPresent(hugePages -> {
          String field = tenant.defaultLimits().containsKey(hugePages) ? "spec.limits[0].default"
              : "spec.limits[0].defaultRequest";
          problems.add(Problem.error(limits, field + "[" + hugePages + "]", "the LimitRange gives containers "
              + hugePages + " but no cpu or memory, and the API server refuses every container with huge pages"
              + " that sets neither", "give a memory default beside it with defaultRequests(Map.of(\"memory\","
              + " ...)) or defaultLimits(...)"));
        });
  }

  /**
   * A default limit of an extended resource reaches every container of the namespace that does not set it (the
   * LimitRanger fills in defaults per resource: "Limit Ranges" in the Kubernetes documentation), and becomes its
   * request too, so every pod asks for the device: the scheduler places pods only on nodes that advertise it, and
   * the others stay Pending, while the devices go to containers that never use them, as extended resources cannot be
   * overcommitted ("Resource Management for Pods and Containers", "Extended resources":
   * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources). A default
   * request alone is refused as {@link #requestWithoutLimit} says, so it reaches no pod and is not warned here.
   */
  private static void extendedDefaults(Tenant tenant, ResourceRef limits, List<Problem> problems) {
    tenant.defaultLimits().forEach((resource, value) -> {
      if (!ResourceNames.isExtended(resource) || !ResourceNames.checkContainerResource(resource).isEmpty()
          || amount(value).filter(a -> a.signum() > 0).isEmpty()) {
        return;
      }
      problems.add(Problem.warning(limits, "spec.limits[0].default[" + resource + "]", "the LimitRange gives "
          + resource + "=" + value + " to every container of namespace '" + tenant.namespace() + "' that sets no "
          + resource + ", so every pod asks for the device: pods run only on nodes that have it, or stay Pending,"
          + " and hold devices they do not use", "leave " + resource + " out of defaultRequests(...) and"
          + " defaultLimits(...), and set it in the resources of the workloads that use the device"));
    });
  }

  private static void requestWithinLimit(ResourceRef limits, String field, String resource,
      String request, String limit, List<Problem> problems) {
    Optional<BigDecimal> requested = amount(request);
    Optional<BigDecimal> limited = amount(limit);
    // Amounts that are no quantities or negative are reported on their own.
    if (requested.isEmpty() || limited.isEmpty() || requested.get().signum() < 0 || limited.get().signum() < 0) return;
    String at = field + "[" + resource + "]";
    int order = requested.get().compareTo(limited.get());
    if (order > 0) {
      problems.add(Problem.error(limits, at, "default request " + resource + "=" + request + " is more than the"
          + " default limit " + resource + "=" + limit + ", which the API server refuses", "lower " + resource
          + " in defaultRequests(...) or raise it in defaultLimits(...)"));
    } else if (order != 0 && !ResourceNames.overcommitAllowed(resource)) {
      problems.add(Problem.error(limits, at, "default request " + resource + "=" + request + " differs from the"
          + " default limit " + resource + "=" + limit + ", but " + resource + " cannot be overcommitted",
          "give " + resource + " the same amount in defaultRequests(...) and defaultLimits(...)"));
    }
  }

  /**
   * A quota on CPU or memory requests or limits makes the API server refuse every pod with a container that does
   * not set them; the LimitRange fills in a request from its default request or, failing that, its default limit,
   * and a limit from its default limit only.
   */
  private static void filledIn(Tenant tenant, ResourceRef quota, String resource, List<Problem> problems) {
    boolean limit = resource.startsWith(LIMITS);
    String name = limit ? resource.substring(LIMITS.length())
        : resource.startsWith(REQUESTS) ? resource.substring(REQUESTS.length()) : resource;
    if (!name.equals("cpu") && !name.equals("memory")) return;
    Map<String, String> defaults = tenant.defaultLimits();
    boolean filled = defaults.containsKey(name) || (!limit && tenant.defaultRequests().containsKey(name));
    if (filled) return;
    String what = limit ? "limit" : "request";
    problems.add(Problem.warning(quota, "spec.hard[" + resource + "]", "the quota on " + resource + " makes the API"
        + " server refuse every pod of namespace '" + tenant.namespace() + "' with a container that sets no " + name
        + " " + what + ", and the tenant's LimitRange gives no default " + name + " " + what, "give a default with "
        + (limit ? "defaultLimits" : "defaultRequests") + "(Map.of(\"" + name + "\", ...)), or make sure every"
        + " container of the namespace sets its " + name + " " + what));
  }

  private static Optional<BigDecimal> quantity(ResourceRef ref, String field, String method, String value,
      List<Problem> problems) {
    Optional<BigDecimal> amount = amount(value);
    if (amount.isEmpty()) {
      problems.add(Problem.error(ref, field, "'" + value + "' is not a quantity", "give " + method
          + "(...) a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"));
    }
    return amount;
  }

  /** The amount of a quantity, or empty when it is not one; white space around it is trimmed, as the server does. */
  static Optional<BigDecimal> amount(String value) {
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(value.strip())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
