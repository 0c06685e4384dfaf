package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds a chart is told are cluster-scoped against the CRDs of the whole spec: {@code helm install} places an
 * object that sets no namespace by the cluster's REST mapping, which the CRDs decide.
 */
public final class ScopeChecks {
  private ScopeChecks() {}

  /** An error for every kind the chart was told is cluster-scoped that a CRD of {@code crds} declares namespaced. */
  public static List<Problem> problems(HelmChart chart, List<HasMetadata> crds) {
    Map<String, String> scopes = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (HasMetadata crd : crds) {
      JsonNode spec = Manifests.toTree(crd).path("spec");
      String groupKind = spec.path("names").path("kind").asText("") + "." + spec.path("group").asText("");
      scopes.put(groupKind, spec.path("scope").asText("Namespaced"));
      names.put(groupKind, crd.getMetadata() == null ? "" : crd.getMetadata().getName());
    }
    List<Problem> problems = new ArrayList<>();
    for (String kind : chart.clusterScopedKinds()) {
      if (!"Namespaced".equals(scopes.get(kind))) continue;
      problems.add(ChartChecks.error(chart, "clusterScopedKinds", "kind " + kind + " is listed as cluster-scoped, "
          + "but CustomResourceDefinition " + names.get(kind) + " of the spec declares it namespaced",
          "remove " + kind + " from the chart's cluster-scoped kinds"));
    }
    return problems;
  }
}
