package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.internal.IstioObjects;
import dev.shipshape.mesh.internal.MeshSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Zero-trust authorization for a namespace as Istio {@code AuthorizationPolicy} objects: an optional deny-by-default
 * policy ({@code allow-nothing}, an ALLOW policy without rules, which denies every request that no other ALLOW
 * policy admits) and one ALLOW policy per {@link AccessRule}:
 *
 * <pre>{@code
 * AuthorizationRules.forNamespace("shop").denyByDefault()
 *     .allow(AccessRule.to(Map.of("app", "api")).fromServiceAccount("shop", "web").methods("GET").paths("/api/*"));
 * }</pre>
 *
 * See https://istio.io/latest/docs/reference/config/security/authorization-policy/. Principals need mutual TLS
 * between the pods. Planning reports a rule whose labels select no pod template of the namespace. Immutable.
 */
public final class AuthorizationRules implements Component {
  private final String namespace;
  private final boolean denyByDefault;
  private final List<AccessRule> rules;

  private AuthorizationRules(String namespace, boolean denyByDefault, List<AccessRule> rules) {
    this.namespace = namespace;
    this.denyByDefault = denyByDefault;
    this.rules = rules;
  }

  public static AuthorizationRules forNamespace(String namespace) {
    return new AuthorizationRules(Objects.requireNonNull(namespace, "namespace == null"), false, List.of());
  }

  /** Denies every request to the namespace's pods that no allow rule admits. */
  public AuthorizationRules denyByDefault() {
    return new AuthorizationRules(namespace, true, rules);
  }

  public AuthorizationRules allow(AccessRule... more) {
    List<AccessRule> all = new ArrayList<>(rules);
    for (AccessRule r : more) all.add(Objects.requireNonNull(r, "rule == null"));
    return new AuthorizationRules(namespace, denyByDefault, List.copyOf(all));
  }

  @Override
  public String name() {
    return "authorization-" + namespace;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    List<HasMetadata> out = new ArrayList<>();
    if (denyByDefault) {
      out.add(IstioObjects.object(IstioObjects.SECURITY, "AuthorizationPolicy", namespace, "allow-nothing",
          IstioObjects.node()));
    }
    for (int i = 0; i < rules.size(); i++) {
      AccessRule rule = rules.get(i);
      ObjectNode spec = IstioObjects.node().put("action", "ALLOW");
      if (!rule.workload().isEmpty()) {
        spec.putObject("selector").set("matchLabels", IstioObjects.labels(rule.workload()));
      }
      ObjectNode r = spec.putArray("rules").addObject();
      if (!rule.principals().isEmpty() || !rule.namespaces().isEmpty()) {
        ObjectNode source = r.putArray("from").addObject().putObject("source");
        if (!rule.principals().isEmpty()) rule.principals().forEach(source.putArray("principals")::add);
        if (!rule.namespaces().isEmpty()) rule.namespaces().forEach(source.putArray("namespaces")::add);
      }
      if (!rule.methods().isEmpty() || !rule.paths().isEmpty()) {
        ObjectNode operation = r.putArray("to").addObject().putObject("operation");
        if (!rule.methods().isEmpty()) rule.methods().forEach(operation.putArray("methods")::add);
        if (!rule.paths().isEmpty()) rule.paths().forEach(operation.putArray("paths")::add);
      }
      out.add(IstioObjects.object(IstioObjects.SECURITY, "AuthorizationPolicy", namespace, "allow-" + (i + 1),
          spec));
    }
    return out;
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.AUTHORIZATION_POLICIES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    if (!context.namespaceExists(namespace)) {
      problems.add(Problem.error(ResourceRef.clusterScoped("", "Namespace", namespace), "metadata.name",
          "namespace " + namespace + " is neither created by the spec nor declared pre-existing",
          "add the Namespace, or declare it with " + ClusterSpec.preExistingNamespaceFix(namespace)));
    }
    List<java.util.Map<String, String>> pods = MeshSpec.podTemplateLabels(context, namespace);
    for (int i = 0; i < rules.size(); i++) {
      AccessRule rule = rules.get(i);
      if (rule.workload().isEmpty() || pods.stream().anyMatch(p -> MeshSpec.selects(rule.workload(), p))) continue;
      problems.add(Problem.warning(
          ResourceRef.namespaced(IstioObjects.SECURITY, "AuthorizationPolicy", namespace, "allow-" + (i + 1)),
          "spec.selector", "the selector " + rule.workload() + " selects no pod template of namespace " + namespace,
          "fix the labels, or add the workload to the spec"));
    }
    return problems;
  }
}
