package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio's evaluation of ALLOW AuthorizationPolicies for a TCP connection between two mesh workloads (the
 * "Authorization Policy" reference): without a policy that applies, everything is allowed; otherwise a request must
 * match a rule of one of them, where a rule matches when one of its sources and one of its operations match
 * (missing lists match everything), and a source matches when every field it sets matches. A test's independent
 * model of what the derived policies do.
 */
final class IstioAuthorizationOracle {
  private final List<JsonNode> policies = new ArrayList<>();

  IstioAuthorizationOracle(List<HasMetadata> authorizationPolicies) {
    for (HasMetadata p : authorizationPolicies) policies.add(Manifests.toTree(p));
  }

  boolean allows(String namespace, Map<String, String> podLabels, String sourceNamespace, String sourceSa,
      int port) {
    boolean anyApplies = false;
    for (JsonNode p : policies) {
      if (!p.path("metadata").path("namespace").asText().equals(namespace)) continue;
      JsonNode selector = p.path("spec").path("selector").path("matchLabels");
      boolean applies = true;
      for (var it = selector.fields(); it.hasNext(); ) {
        var e = it.next();
        applies &= e.getValue().asText().equals(podLabels.get(e.getKey()));
      }
      if (!applies) continue;
      anyApplies = true;
      for (JsonNode rule : p.path("spec").path("rules")) {
        if (matchesSource(rule.path("from"), sourceNamespace, sourceSa) && matchesPort(rule.path("to"), port)) {
          return true;
        }
      }
    }
    return !anyApplies;
  }

  private static boolean matchesSource(JsonNode from, String namespace, String sa) {
    if (from.isMissingNode() || from.isEmpty()) return true;
    for (JsonNode f : from) {
      JsonNode s = f.path("source");
      boolean ok = !s.has("ipBlocks")
          && (!s.has("principals") || contains(s.path("principals"), "cluster.local/ns/" + namespace + "/sa/" + sa))
          && (!s.has("namespaces") || contains(s.path("namespaces"), namespace));
      if (ok) return true;
    }
    return false;
  }

  private static boolean matchesPort(JsonNode to, int port) {
    if (to.isMissingNode() || to.isEmpty()) return true;
    for (JsonNode t : to) {
      JsonNode ports = t.path("operation").path("ports");
      if (ports.isMissingNode() || contains(ports, Integer.toString(port))) return true;
    }
    return false;
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) if (v.asText().equals("*") || v.asText().equals(value)) return true;
    return false;
  }
}
