package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tenant's ResourceQuota as the API server validates it (resource names, quantities at least 0, whole numbers
 * where counted), the amounts given to {@code defaultRequests(...)} and {@code defaultLimits(...)} (quantities), and
 * the quota on CPU or memory that makes the server refuse every pod the LimitRange does not fill in ("Resource
 * Quotas" in the Kubernetes documentation: a quota on a compute resource requires every new container to set that
 * request or limit). The LimitRange those defaults compile to is judged where every LimitRange of a spec is: by
 * core's {@link dev.shipshape.core.LimitRangeRules} and planning, which also reports defaults the server refuses in
 * every container and defaults of extended resources that reach every Pod.
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
    tenant.defaultRequests().forEach((resource, value) -> quantity(limits, "spec.limits[0].defaultRequest."
        + resource, "defaultRequests", value, problems));
    tenant.defaultLimits().forEach((resource, value) -> quantity(limits, "spec.limits[0].default." + resource,
        "defaultLimits", value, problems));
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
      return Quantities.amount(new Quantity(value.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
