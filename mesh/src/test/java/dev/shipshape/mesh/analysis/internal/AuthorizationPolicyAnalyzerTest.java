package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * AuthorizationPolicies without workloads, and namespace patterns that match no namespace, are those a scan of
 * every pod and every namespace per policy finds, in that order.
 */
class AuthorizationPolicyAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatScanningEveryPodAndNamespaceReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new AuthorizationPolicyAnalyzer(), AuthorizationPolicyAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(12, "AuthorizationPolicy", "Namespace", "Pod", "Pod");
  }

  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject policy : index.all("AuthorizationPolicy")) {
      checkWorkloads(index, policy, out);
      List<JsonNode> rules = Json.list(policy.spec().path("rules"));
      for (int r = 0; r < rules.size(); r++) {
        List<JsonNode> from = Json.list(rules.get(r).path("from"));
        for (int f = 0; f < from.size(); f++) {
          for (String field : new String[] {"namespaces", "notNamespaces"}) {
            for (String pattern : Json.strings(from.get(f).path("source").path(field))) {
              if (index.all("Namespace").stream().anyMatch(ns -> matches(pattern, ns.name()))) continue;
              out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, policy,
                  "spec.rules[" + r + "].from[" + f + "].source." + field,
                  "referenced namespace not found: \"" + pattern + "\"",
                  "fix the pattern so that it matches an existing namespace, or remove it");
            }
          }
        }
      }
    }
  }

  private static void checkWorkloads(MeshIndex index, MeshObject policy, Reporter out) {
    JsonNode selectorNode = policy.spec().path("selector").path("matchLabels");
    boolean rootNamespace = policy.namespace().equals(Namespaces.ISTIO_SYSTEM);
    if (rootNamespace && !selectorNode.isObject()) return;
    Map<String, String> selector = Json.stringMap(selectorNode);
    for (MeshObject pod : index.all("Pod")) {
      boolean inScope = rootNamespace || pod.namespace().equals(policy.namespace());
      if (inScope && Selectors.selects(selector, pod.labels()) && AuthorizationPolicyAnalyzer.inMesh(index, pod)) {
        return;
      }
    }
    out.report(IstioMessage.NO_MATCHING_WORKLOADS_FOUND, policy, "spec.selector",
        "no matching workloads for this resource with the following labels: " + selector,
        "fix the selector, or deploy the workload it should protect into the mesh");
  }

  /** Istio's string match for namespaces: exact, {@code *}, {@code prefix*} or {@code *suffix}. */
  private static boolean matches(String pattern, String value) {
    if (pattern.equals("*")) return true;
    if (pattern.endsWith("*")) return value.startsWith(pattern.substring(0, pattern.length() - 1));
    if (pattern.startsWith("*")) return value.endsWith(pattern.substring(1));
    return pattern.equals(value);
  }
}
