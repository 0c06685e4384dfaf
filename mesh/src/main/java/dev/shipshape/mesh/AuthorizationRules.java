package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
        // One source per kind of caller: the fields of one source must all match ("AND"), while a request
        // matches the rule when any one of its sources does (Istio's "Authorization Policy" reference, whose
        // example admits "service account ... or namespace ..." with two sources). ServiceAccounts and
        // namespaces in one source would admit only callers that are both, usually none.
        ArrayNode from = r.putArray("from");
        if (!rule.principals().isEmpty()) {
          rule.principals().forEach(from.addObject().putObject("source").putArray("principals")::add);
        }
        if (!rule.namespaces().isEmpty()) {
          rule.namespaces().forEach(from.addObject().putObject("source").putArray("namespaces")::add);
        }
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

  /**
   * The policies of a namespace of the spec that is not enrolled in the mesh: AuthorizationPolicies are enforced by
   * the receiving pod's proxy, so pods without one admit every request, deny-by-default included. Istio's analysis
   * reports a policy that selects no pod in the mesh as IST0127 (NoMatchingWorkloadsFound), a warning.
   */
  private List<Problem> unenforced(SpecContext context) {
    List<String> policies = new ArrayList<>();
    if (denyByDefault) policies.add("allow-nothing");
    for (int i = 0; i < rules.size(); i++) policies.add("allow-" + (i + 1));
    if (policies.isEmpty() || !context.namespaceInSpec(namespace) || MeshSpec.enrolled(context, namespace)) {
      return List.of();
    }
    List<String> outside = MeshSpec.outsideMesh(context, namespace, java.util.Map.of());
    if (outside.isEmpty() && !MeshSpec.podTemplateLabels(context, namespace).isEmpty()) return List.of();
    return List.of(Problem.warning(
        ResourceRef.namespaced(IstioObjects.SECURITY, "AuthorizationPolicy", namespace, policies.get(0)), "metadata",
        "namespace " + namespace + " is not enrolled in the mesh: " + (outside.isEmpty() ? "its pods"
            : "the pods of " + outside) + " get no proxy to enforce the AuthorizationPolicies " + policies
            + ", so they admit every request" + (denyByDefault ? ", denyByDefault() included" : ""),
        "enrol the namespace with MeshMembership.sidecar(\"" + namespace + "\") (or ambient)"));
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    if (!context.namespaceExists(namespace)) {
      problems.add(Problem.error(ResourceRef.clusterScoped("", "Namespace", namespace), "metadata.name",
          "namespace " + namespace + " is neither created by the spec nor declared pre-existing",
          "add the Namespace, or declare it with " + ClusterSpec.preExistingNamespaceFix(namespace)));
    }
    problems.addAll(unenforced(context));
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
