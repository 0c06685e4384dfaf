package dev.shipshape.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RBAC rules. Bindings and roles named {@code system:…} belong to the cluster itself and are exempt from the
 * binding rules, as in Polaris, together with GKE's {@code gce:podsecuritypolicy:calico-sa}.
 */
final class RbacRules {
  private static final List<String> ALL_VERBS = List.of("get", "list", "watch", "create", "update", "patch",
      "delete");

  private RbacRules() {}

  static List<AuditRule> all() {
    List<AuditRule> rules = new ArrayList<>();
    rules.add(new RiskyPermissions());
    rules.add(new AdminBinding("cluster-admin-binding", "ClusterRoleBinding", "polaris:clusterrolebindingClusterAdmin",
        "kube-linter:cluster-admin-role-binding", "kubescape:C-0035", "cis:5.1.1"));
    rules.add(new AdminBinding("rolebinding-cluster-admin", "RoleBinding",
        "polaris:rolebindingClusterAdminClusterRole", "kubescape:C-0035", "cis:5.1.1"));
    rules.add(new ExecRole());
    rules.add(new ExecBinding("rbac-rolebinding-role-pod-exec", "RoleBinding", "Role",
        "polaris:rolebindingRolePodExecAttach"));
    rules.add(new ExecBinding("rbac-rolebinding-clusterrole-pod-exec", "RoleBinding", "ClusterRole",
        "polaris:rolebindingClusterRolePodExecAttach"));
    rules.add(new ExecBinding("rbac-clusterrolebinding-pod-exec", "ClusterRoleBinding", "ClusterRole",
        "polaris:clusterrolebindingPodExecAttach"));
    return rules;
  }

  static boolean exempt(String name) {
    return name.startsWith("system:") || name.equals("gce:podsecuritypolicy:calico-sa");
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode n : list) if (n.asText().equals(value)) return true;
    return false;
  }

  private static boolean anyRule(JsonNode role, Predicate<JsonNode> test) {
    for (JsonNode rule : role.path("rules")) if (test.test(rule)) return true;
    return false;
  }

  /** apiGroups has {@code *}, resources has {@code *}, verbs has {@code *} or all seven read/write verbs. */
  static boolean wildcardRule(JsonNode rule) {
    JsonNode verbs = rule.path("verbs");
    return contains(rule.path("apiGroups"), "*") && contains(rule.path("resources"), "*")
        && (contains(verbs, "*") || ALL_VERBS.stream().allMatch(v -> contains(verbs, v)));
  }

  /** Core or any group; all resources or pods/exec or pods/attach; {@code *}, get or create. */
  static boolean execRule(JsonNode rule) {
    JsonNode groups = rule.path("apiGroups");
    JsonNode resources = rule.path("resources");
    JsonNode verbs = rule.path("verbs");
    return (contains(groups, "") || contains(groups, "*"))
        && (contains(resources, "*") || contains(resources, "pods/exec") || contains(resources, "pods/attach"))
        && (contains(verbs, "*") || contains(verbs, "get") || contains(verbs, "create"));
  }

  /** Risky grants found by the RBAC analyzer, with the path that grants them. */
  private static final class RiskyPermissions extends AuditRule {
    RiskyPermissions() {
      super("rbac-risky-permission", Severity.HIGH, "a subject holds a permission that lets it escalate",
          "grant only what the subject needs: list verbs and resources explicitly, avoid secrets read (get, list,"
              + " watch, and patch or delete, whose answers carry the Secret: drop them or limit them with"
              + " resourceNames to the Secrets that must change), exec, escalate, bind and impersonate; see the path"
              + " in the message",
          "cis:5.1.2", "cis:5.1.3", "cis:5.1.4", "cis:5.1.8", "kube-linter:wildcard-in-rules",
          "kube-linter:access-to-secrets");
    }

    @Override
    public void check(AuditInput input, Results results) {
      input.items().stream().filter(i -> i.kind().endsWith("Binding") && i.ref.group()
          .equals("rbac.authorization.k8s.io")).forEach(i -> results.applied());
      for (Finding f : RbacAnalyzer.of(input.objects()).riskyPermissions()) {
        Risk risk = Risk.ofRuleId(f.ruleId()).orElseThrow();
        ResourceRef binding = f.resources().get(0);
        // Bindings to cluster-admin have a rule of their own.
        if (risk == Risk.CLUSTER_ADMIN_BINDING || exempt(binding.name())) continue;
        results.fail(Optional.of(binding), "roleRef", f.message(), f.severity());
      }
    }
  }

  /** Bindings that grant cluster-admin, or a ClusterRole of the input with a wildcard rule. */
  private static final class AdminBinding extends AuditRule {
    private final String kind;

    AdminBinding(String id, String kind, String... equivalents) {
      super(id, Severity.CRITICAL, "a " + kind + " grants cluster-admin (or a ClusterRole with * on everything)",
          "bind a least-privilege role; keep cluster-admin for break-glass accounts", equivalents);
      this.kind = kind;
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item b : input.items(kind)) {
        results.applied();
        if (exempt(b.name()) || b.name().equals("cluster-admin")) continue;
        JsonNode ref = b.tree.path("roleRef");
        if (!ref.path("kind").asText().equals("ClusterRole")) continue;
        String role = ref.path("name").asText();
        boolean admin = role.equals("cluster-admin") || input.find("ClusterRole", role, "")
            .filter(r -> anyRule(r.tree, RbacRules::wildcardRule)).isPresent();
        if (admin) results.fail(b.ref, "roleRef", "grants ClusterRole " + role + ", which may do anything");
      }
    }
  }

  /** Roles that allow exec or attach into pods. */
  private static final class ExecRole extends AuditRule {
    ExecRole() {
      super("rbac-role-pod-exec", Severity.HIGH, "a Role allows exec or attach into pods",
          "remove pods/exec and pods/attach (and * resources) from the Role", "polaris:rolePodExecAttach",
          "kubescape:C-0002");
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item role : input.items("Role")) {
        results.applied();
        if (!exempt(role.name()) && anyRule(role.tree, RbacRules::execRule)) {
          results.fail(role.ref, "rules", "allows exec or attach into the pods of its namespace");
        }
      }
    }
  }

  /**
   * Bindings to a role (of one kind) that allows exec or attach; a role missing from the input counts as allowing
   * it, as nothing proves otherwise.
   */
  private static final class ExecBinding extends AuditRule {
    private final String bindingKind;
    private final String roleKind;

    ExecBinding(String id, String bindingKind, String roleKind, String... equivalents) {
      super(id, Severity.HIGH, "a " + bindingKind + " grants a " + roleKind + " that allows exec or attach into"
              + " pods", "bind a role without pods/exec and pods/attach, or include the role so it can be checked",
          equivalents);
      this.bindingKind = bindingKind;
      this.roleKind = roleKind;
    }

    @Override
    public void check(AuditInput input, Results results) {
      for (AuditInput.Item b : input.items(bindingKind)) {
        results.applied();
        JsonNode ref = b.tree.path("roleRef");
        if (exempt(b.name()) || !ref.path("kind").asText().equals(roleKind)) continue;
        String name = ref.path("name").asText();
        Optional<AuditInput.Item> role = input.find(roleKind, name, b.ref.namespace().orElse(""));
        ResourceRef roleRef = ResourceRef.clusterScoped("rbac.authorization.k8s.io", roleKind, name);
        if (role.isEmpty()) {
          results.fail(b.ref, "roleRef", "grants " + roleRef + ", which is not among the objects audited");
        } else if (anyRule(role.get().tree, RbacRules::execRule)) {
          results.fail(b.ref, "roleRef", "grants " + role.get().ref + ", which allows exec or attach into pods");
        }
      }
    }
  }
}
