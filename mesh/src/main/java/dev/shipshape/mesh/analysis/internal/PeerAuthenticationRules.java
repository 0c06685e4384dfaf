package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The rules of Istio's validation of a PeerAuthentication ({@code ValidatePeerAuthentication} in istio/istio
 * {@code pkg/config/validation}), over the spec as a tree, shared by {@code MutualTls}'s planning checks and the
 * {@code schema.ValidationAnalyzer.PeerAuthentication}: port-level modes only with a workload selector (a mesh or
 * namespace policy cannot have them), at least one port when {@code portLevelMtls} is given, ports from 1 to
 * 65535, and selector labels without an empty key or a wildcard ({@code *}); a selector without labels is a
 * warning, as it selects every workload of the namespace.
 */
public final class PeerAuthenticationRules {
  private PeerAuthenticationRules() {}

  /** Checks a PeerAuthentication's spec, reporting every problem to {@code out}. */
  public static void check(JsonNode spec, RuleSink out) {
    JsonNode selector = spec.path("selector");
    JsonNode labels = selector.path("matchLabels");
    JsonNode ports = spec.path("portLevelMtls");
    if (labels.isEmpty() && ports.size() > 0) {
      out.error("spec.portLevelMtls", "mesh/namespace peer authentication cannot have port level mTLS",
          "select the workload with spec.selector.matchLabels (MutualTls.forWorkload), or remove portLevelMtls");
    }
    if (ports.isObject() && ports.isEmpty()) {
      out.error("spec.portLevelMtls", "port level mTLS, if defined, must have at least one element",
          "give the ports with their modes, or remove portLevelMtls");
    }
    for (Iterator<String> it = ports.fieldNames(); it.hasNext(); ) {
      String port = it.next();
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        out.error("spec.portLevelMtls." + port, "port must be in range 1..65535",
            "give the port the pods receive on (a container port, the targetPort of a Service port)");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String pair = "\"" + label.getKey() + "=" + label.getValue().asText() + "\"";
      if (label.getKey().isEmpty()) {
        out.error("spec.selector.matchLabels", "empty key is not supported in selector: " + pair,
            "give each label a key");
      }
      if (label.getKey().contains("*") || label.getValue().asText().contains("*")) {
        out.error("spec.selector.matchLabels", "wildcard is not supported in selector: " + pair,
            "give the exact label of the pods; leave out the selector to select every pod of the namespace");
      }
    }
    if (selector.isObject() && labels.isEmpty()) {
      out.warning("spec.selector", "workload selector specified without labels",
          "give the pods' labels, or remove the selector: the policy applies to every workload of the namespace");
    }
  }
}
