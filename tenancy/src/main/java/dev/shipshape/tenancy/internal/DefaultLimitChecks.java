package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's workloads in the tenant's namespace against its LimitRange: a container that requests more than the
 * default limit and sets no limit of its own is given the default limit, and the API server then refuses the pod
 * ("must be less than or equal to memory limit of 512Mi", checked on kube-apiserver 1.34), and so it does when the
 * default limit is more than the request of a resource that cannot be overcommitted, such as an extended resource
 * ("must be equal to nvidia.com/gpu limit of 2"). A Deployment or Job is still accepted, but its controller can
 * never create a pod.
 */
final class DefaultLimitChecks {
  private DefaultLimitChecks() {}

  static void check(Tenant tenant, SpecContext context, List<Problem> problems) {
    if (tenant.defaultLimits().isEmpty()) return;
    for (HasMetadata workload : Workloads.inNamespace(context, tenant.namespace())) {
      Workloads.podTemplate(workload).map(t -> t.getSpec()).ifPresent(spec -> {
        String path = Workloads.podSpecPath(workload.getKind());
        containers(tenant, ResourceRef.of(workload), path + ".initContainers", spec.getInitContainers(), problems);
        containers(tenant, ResourceRef.of(workload), path + ".containers", spec.getContainers(), problems);
      });
    }
  }

  private static void containers(Tenant tenant, ResourceRef workload, String path, List<Container> containers,
      List<Problem> problems) {
    if (containers == null) return;
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      ResourceRequirements resources = container.getResources();
      Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of()
          : resources.getRequests();
      Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of()
          : resources.getLimits();
      String field = path + "[" + i + "].resources.requests";
      tenant.defaultLimits().forEach((resource, defaultLimit) -> {
        Quantity request = requests.get(resource);
        if (request == null || limits.containsKey(resource)) return;
        Optional<BigDecimal> requested = BudgetChecks.amount(request.toString());
        Optional<BigDecimal> limited = BudgetChecks.amount(defaultLimit);
        if (requested.isEmpty() || limited.isEmpty()) return;
        int order = requested.get().compareTo(limited.get());
        String given = "container '" + container.getName() + "' requests " + resource + "=" + request + " and sets"
            + " no " + resource + " limit, so the LimitRange of tenant '" + tenant.name() + "' gives it the default"
            + " limit " + resource + "=" + defaultLimit;
        if (order > 0) {
          problems.add(Problem.error(workload, field + "[" + resource + "]", given + ", less than the request: the"
              + " API server refuses every such pod", "set the container's " + resource + " limit (at least "
              + request + "), or raise " + resource + " in the tenant's defaultLimits(...)"));
        } else if (order < 0 && !ResourceNames.overcommitAllowed(resource)
            && ResourceNames.checkContainerResource(resource).isEmpty()) {
          problems.add(Problem.error(workload, field + "[" + resource + "]", given + ", more than the request, but "
              + resource + " cannot be overcommitted (its request must equal its limit): the API server refuses"
              + " every such pod", "set the container's " + resource + " limit to its request (" + request + "),"
              + " or leave " + resource + " out of the tenant's defaultLimits(...)"));
        }
      });
    }
  }
}
