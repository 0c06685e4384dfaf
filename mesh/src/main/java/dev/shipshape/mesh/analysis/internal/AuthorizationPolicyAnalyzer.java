package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AuthorizationPolicies: the selector (or, without one, the namespace) applies to some pod in the mesh
 * ({@code IST0127}; a policy in the root namespace {@code istio-system} applies to pods of every namespace), and
 * every {@code namespaces} / {@code notNamespaces} pattern of a source ({@code prefix*}, {@code *suffix}, exact or
 * {@code *}) matches some Namespace ({@code IST0101}, one per pattern).
 */
final class AuthorizationPolicyAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "auth.AuthorizationPoliciesAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("AuthorizationPolicy", "Namespace", "Pod");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    List<String> names = new ArrayList<>();
    for (MeshObject ns : index.all("Namespace")) names.add(ns.name());
    NamespacePatterns namespaces = new NamespacePatterns(names);
    for (MeshObject policy : index.all("AuthorizationPolicy")) {
      checkWorkloads(index, policy, out);
      List<JsonNode> rules = Json.list(policy.spec().path("rules"));
      for (int r = 0; r < rules.size(); r++) {
        List<JsonNode> from = Json.list(rules.get(r).path("from"));
        for (int f = 0; f < from.size(); f++) {
          for (String field : new String[] {"namespaces", "notNamespaces"}) {
            for (String pattern : Json.strings(from.get(f).path("source").path(field))) {
              if (namespaces.anyMatches(pattern)) continue;
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
    for (MeshObject pod : rootNamespace
        ? index.selected("Pod", selector) : index.selected("Pod", policy.namespace(), selector)) {
      if (inMesh(index, pod)) return;
    }
    out.report(IstioMessage.NO_MATCHING_WORKLOADS_FOUND, policy, "spec.selector",
        "no matching workloads for this resource with the following labels: " + selector,
        "fix the selector, or deploy the workload it should protect into the mesh");
  }

  static boolean inMesh(MeshIndex index, MeshObject pod) {
    Map<String, String> ns = Mesh.namespaceLabels(index, pod.namespace());
    if (Mesh.hasProxy(pod.spec()) || Mesh.ambientPod(pod) || Mesh.ambientNamespace(ns)) return true;
    // A plan's pod template is not injected yet: its own opt-in or opt-out label decides, as the injector does.
    if (pod.planned()) return Injection.injected(index, pod.namespace(), pod.tree().path("metadata"));
    return "enabled".equals(ns.get(Mesh.INJECTION_LABEL)) || ns.containsKey(Mesh.REVISION_LABEL);
  }
}
