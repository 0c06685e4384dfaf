package dev.shipshape.helm.internal;

import dev.shipshape.core.DefinedKind;
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
    Map<String, DefinedKind> defined = new LinkedHashMap<>();
    crds.forEach(crd -> DefinedKind.of(crd).ifPresent(kind -> defined.put(kind.groupKind(), kind)));
    List<Problem> problems = new ArrayList<>();
    for (String kind : chart.clusterScopedKinds()) {
      DefinedKind definition = defined.get(kind);
      if (definition == null || !definition.namespaced()) continue;
      problems.add(ChartChecks.error(chart, "clusterScopedKinds", "kind " + kind + " is listed as cluster-scoped, "
          + "but CustomResourceDefinition " + definition.definitionName() + " of the spec declares it namespaced",
          "remove " + kind + " from the chart's cluster-scoped kinds"));
    }
    return problems;
  }
}
