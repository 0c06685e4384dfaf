package dev.shipshape.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.findings.Severity;
import java.util.List;
import java.util.Set;

/** Rules on what is reachable: Services exposed on nodes or load balancers, namespaces without default-deny. */
final class NetworkExposureRules {
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

  private NetworkExposureRules() {}

  static List<AuditRule> all() {
    return List.of(new NodePort(), new OpenLoadBalancer(), new DefaultDeny());
  }

  private static final class NodePort extends AuditRule {
    NodePort() {
      super("nodeport-service", Severity.MEDIUM, "a Service opens a port on every node (NodePort)",
          "use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer with source ranges");
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item s : input.items("Service")) {
        results.applied();
        if (s.tree.path("spec").path("type").asText().equals("NodePort")) {
          results.fail(s.ref, "spec.type", "is NodePort, reachable on every node's address");
        }
      }
    }
  }

  private static final class OpenLoadBalancer extends AuditRule {
    OpenLoadBalancer() {
      super("loadbalancer-without-source-ranges", Severity.MEDIUM,
          "a LoadBalancer Service accepts traffic from any address",
          "set spec.loadBalancerSourceRanges to the client networks that need it");
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item s : input.items("Service")) {
        JsonNode spec = s.tree.path("spec");
        if (!spec.path("type").asText().equals("LoadBalancer")) continue;
        results.applied();
        if (spec.path("loadBalancerSourceRanges").size() == 0) {
          results.fail(s.ref, "spec.loadBalancerSourceRanges", "is empty, so the load balancer is open to all");
        }
      }
    }
  }

  /**
   * A namespace is default-deny when a NetworkPolicy selects all its pods (empty podSelector) for Ingress
   * (explicit, or implied by an absent policyTypes) and allows no ingress ("Default policies" in the
   * NetworkPolicy documentation).
   */
  private static final class DefaultDeny extends AuditRule {
    DefaultDeny() {
      super("namespace-without-default-deny", Severity.MEDIUM,
          "a namespace has no default-deny NetworkPolicy, so every pod accepts traffic from anywhere",
          "add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules, then allow"
              + " what is needed", "kubescape:C-0260", "cis:5.3.2");
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item ns : input.items("Namespace")) {
        if (SYSTEM_NAMESPACES.contains(ns.name())) continue;
        results.applied();
        List<JsonNode> specs = input.items("NetworkPolicy", ns.name()).stream().map(p -> p.tree.path("spec"))
            .collect(java.util.stream.Collectors.toList());
        boolean denied = specs.stream().anyMatch(DefaultDeny::denyAllIngress)
            || specs.stream().anyMatch(p -> denyAllButIsolated(p, specs));
        if (!denied) results.fail(ns.ref, null, "has no default-deny ingress NetworkPolicy");
      }
    }

    /**
     * The default deny of a namespace with isolated workloads (as {@code NetworkPolicySet.isolate} writes it): a
     * policy without ingress rules selects every pod except {@code key NotIn [v1, v2]}, and for each excluded value
     * another policy selects {@code key: v} for Ingress and allows only named sources. Every pod is then isolated
     * for ingress, so the namespace is default-deny; the rule reported it missing before.
     */
    private static boolean denyAllButIsolated(JsonNode spec, List<JsonNode> all) {
      JsonNode selector = spec.path("podSelector");
      if (selector.path("matchLabels").size() > 0 || selector.path("matchExpressions").size() == 0
          || !forIngress(spec) || spec.path("ingress").size() > 0) {
        return false;
      }
      for (JsonNode expression : selector.path("matchExpressions")) {
        if (!expression.path("operator").asText().equals("NotIn")) return false;
        String key = expression.path("key").asText();
        for (JsonNode value : expression.path("values")) {
          boolean isolated = all.stream().anyMatch(p -> forIngress(p)
              && p.path("podSelector").path("matchExpressions").size() == 0
              && value.asText().equals(p.path("podSelector").path("matchLabels").path(key).asText(null))
              && allowsOnlyNamedSources(p));
          if (!isolated) return false;
        }
      }
      return true;
    }

    private static boolean allowsOnlyNamedSources(JsonNode spec) {
      for (JsonNode rule : spec.path("ingress")) {
        if (rule.path("from").size() == 0) return false;
      }
      return true;
    }

    private static boolean forIngress(JsonNode spec) {
      JsonNode types = spec.path("policyTypes");
      boolean ingress = types.size() == 0;
      for (JsonNode t : types) ingress |= t.asText().equals("Ingress");
      return ingress;
    }

    private static boolean denyAllIngress(JsonNode spec) {
      JsonNode selector = spec.path("podSelector");
      boolean allPods = selector.path("matchLabels").size() == 0 && selector.path("matchExpressions").size() == 0;
      JsonNode types = spec.path("policyTypes");
      boolean ingress = types.size() == 0;
      for (JsonNode t : types) ingress |= t.asText().equals("Ingress");
      return allPods && ingress && spec.path("ingress").size() == 0;
    }
  }
}
