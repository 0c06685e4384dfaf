package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A container's requests against its limits, as the API server validates a pod: a request may not exceed the
 * limit of the same resource ("must be less than or equal to cpu limit",
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
 */
final class ResourceRequestChecks {
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
      if (resources == null || resources.getRequests() == null || resources.getLimits() == null) continue;
      for (Map.Entry<String, Quantity> request : resources.getRequests().entrySet()) {
        Quantity limit = resources.getLimits().get(request.getKey());
        BigDecimal requested = amount(request.getValue());
        BigDecimal limited = amount(limit);
        if (requested == null || limited == null || requested.compareTo(limited) <= 0) continue;
        problems.add(ObjectChecks.error(o, field + "[" + i + "].resources.requests." + request.getKey(),
            "the request " + request.getValue() + " is above the limit " + limit + " of " + request.getKey(),
            "lower the request to the limit at most, or raise the limit"));
      }
    }
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
