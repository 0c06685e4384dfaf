package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Problem;
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
 * The tenant's ResourceQuota and LimitRange as the API server validates them (resource names, quantities at least
 * 0, whole numbers where counted, default requests at most the default limits), and the quota on CPU or memory that
 * makes the server refuse every pod the LimitRange does not fill in ("Resource Quotas" in the Kubernetes
 * documentation: a quota on a compute resource requires every new container to set that request or limit).
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
      if (limit != null) requestWithinLimit(limits, requestsField, resource, request, limit, problems);
    });
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
    quantity(limits, at, method, value, problems).filter(a -> a.signum() < 0).ifPresent(a -> problems.add(Problem.error(
        limits, at, "'" + value + "' is negative, so every container that takes it is refused", "give " + method
            + "(...) an amount of at least 0 for " + resource)));
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

  /** The amount of a quantity, or empty when it is not one. */
  static Optional<BigDecimal> amount(String value) {
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(value)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
