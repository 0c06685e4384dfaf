package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.helm.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rendered chart's namespaces against the CRDs of the whole spec. While it renders, a chart knows only its own
 * CRDs; {@code helm install} places an object that sets no namespace by the cluster's REST mapping, which the CRDs
 * that other parts of the spec install decide.
 */
public final class ScopeChecks {
  private ScopeChecks() {}

  /**
   * An error for every object of {@code rendered} put in the release namespace whose kind a CRD of {@code crds}
   * declares cluster-scoped, and for every kind the chart was told is cluster-scoped that one declares namespaced.
   */
  public static List<Problem> problems(HelmChart chart, RenderedChart rendered, List<HasMetadata> crds) {
    Map<String, String> scopes = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (HasMetadata crd : crds) {
      JsonNode spec = Manifests.toTree(crd).path("spec");
      String groupKind = spec.path("names").path("kind").asText("") + "." + spec.path("group").asText("");
      scopes.put(groupKind, spec.path("scope").asText("Namespaced"));
      names.put(groupKind, crd.getMetadata() == null ? "" : crd.getMetadata().getName());
    }
    List<Problem> problems = new ArrayList<>();
    for (ResourceRef ref : rendered.placedInReleaseNamespace()) {
      if (!"Cluster".equals(scopes.get(ref.groupKind()))) continue;
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(chart.name()).resource(ref)
          .field("metadata.namespace").message(ref.kind() + " " + ref.name() + " sets no namespace and was put in "
              + "the release namespace '" + chart.namespace() + "', but CustomResourceDefinition "
              + names.get(ref.groupKind()) + " of the spec declares " + ref.groupKind() + " cluster-scoped, so "
              + "Helm creates it without one")
          .fix("tell the chart the kind is cluster-scoped: addClusterScopedKinds(\"" + ref.groupKind() + "\")")
          .build());
    }
    for (String kind : chart.clusterScopedKinds()) {
      if (!"Namespaced".equals(scopes.get(kind))) continue;
      problems.add(ChartChecks.error(chart, "clusterScopedKinds", "kind " + kind + " is listed as cluster-scoped, "
          + "but CustomResourceDefinition " + names.get(kind) + " of the spec declares it namespaced",
          "remove " + kind + " from the chart's cluster-scoped kinds"));
    }
    return problems;
  }
}
