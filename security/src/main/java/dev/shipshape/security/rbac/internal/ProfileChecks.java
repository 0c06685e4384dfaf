package dev.shipshape.security.rbac.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks an RbacProfile runs when it is built: each role and binding on its own, then the profile as a whole.
 * Rule shape follows the API server's validation of RBAC objects ({@code pkg/apis/rbac/validation}).
 */
public final class ProfileChecks {
  private ProfileChecks() {}

  /** Problems of one role. */
  public static List<Problem> role(RbacRole role) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = role.ref();
    for (String p : Names.checkPathSegmentName(role.name())) {
      problems.add(Problem.error(ref, "metadata.name", "role name '" + role.name() + "' " + p,
          "use a name without '/' or '%', such as 'shop-developer'"));
    }
    role.namespace().ifPresent(ns -> Names.checkDns1123Label(ns).forEach(p -> problems.add(Problem.error(ref,
        "metadata.namespace", "namespace '" + ns + "' " + p, "use a DNS-1123 label such as 'shop'"))));
    if (role.isAggregated()) {
      if (!role.isClusterRole()) {
        problems.add(Problem.error(ref, "aggregationRule", "only a ClusterRole can aggregate other roles",
            "use RbacRole.cluster(...) for an aggregated role"));
      }
      if (!role.rules().isEmpty()) {
        problems.add(Problem.error(ref, "rules", "an aggregated ClusterRole has rules of its own, which the"
                + " aggregation controller overwrites",
            "move the rules to a ClusterRole carrying labels that the aggregation selects"));
      }
      return problems;
    }
    if (role.rules().isEmpty()) {
      problems.add(Problem.error(ref, "rules", "grants nothing (no rules left after tailoring)",
          "add a persona or a rule, or drop the role"));
    }
    Set<Risk> allowed = role.allowedRisks();
    for (int i = 0; i < role.rules().size(); i++) {
      problems.addAll(rule(role, i, role.rules().get(i), allowed));
    }
    return problems;
  }

  private static List<Problem> rule(RbacRole role, int index, Rule rule, Set<Risk> allowed) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = role.ref();
    String at = "rules[" + index + "]";
    if (rule.verbs().isEmpty()) {
      problems.add(Problem.error(ref, at + ".verbs", "is empty", "allow at least one verb, such as 'get'"));
    }
    boolean resources = !rule.resources().isEmpty();
    if (resources && rule.isNonResource()) {
      problems.add(Problem.error(ref, at, "names both resources and non-resource URLs",
          "split it into a resource rule and a non-resource rule"));
    } else if (!resources && !rule.isNonResource()) {
      problems.add(Problem.error(ref, at + ".resources", "names neither resources nor non-resource URLs",
          "name resources with Rule.on(group, resources...) or URLs with Rule.nonResource(...)"));
    }
    if (resources && rule.apiGroups().isEmpty()) {
      problems.add(Problem.error(ref, at + ".apiGroups", "is empty, so the rule matches no resource",
          "name the API group, \"\" for the core group"));
    }
    if (rule.isNonResource() && !role.isClusterRole()) {
      problems.add(Problem.error(ref, at + ".nonResourceURLs", "non-resource URLs are not namespaced, so a Role"
          + " cannot grant them", "grant them in a ClusterRole bound by a ClusterRoleBinding"));
    }
    if (!rule.resourceNames().isEmpty()) namedVerbs(ref, at, rule, problems);
    for (Risk risk : RiskCatalog.risksOf(rule, !role.isClusterRole())) {
      if (risk.acceptedBy().stream().anyMatch(allowed::contains)) continue;
      String field = risk == Risk.WILDCARD ? at + "." + wildcardField(rule) : at;
      String accept = "accept the risk with acknowledgeRisk(Risk." + risk.name() + ") on the role";
      String fix;
      if (risk == Risk.WILDCARD) {
        fix = "list what is needed explicitly, or " + accept;
      } else if (risk == Risk.SECRETS_READ_BY_PATCH_OR_DELETE) {
        fix = RiskCatalog.secretsByPatchOrDeleteFix(accept);
      } else if (risk == Risk.NETWORK_POLICY_WRITE) {
        fix = RiskCatalog.networkPolicyWriteFix(accept);
      } else {
        fix = "remove or narrow the grant, or " + accept;
      }
      problems.add(Problem.error(ref, field, rule + " " + risk.description(), fix));
    }
    return problems;
  }

  private static String wildcardField(Rule rule) {
    if (rule.verbs().contains(RuleMatching.ALL)) return "verbs";
    if (rule.apiGroups().contains(RuleMatching.ALL)) return "apiGroups";
    if (rule.resources().contains(RuleMatching.ALL)) return "resources";
    return "nonResourceURLs";
  }

  /** Problems of one binding. */
  public static List<Problem> binding(RbacBinding binding) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = binding.ref();
    for (String p : Names.checkPathSegmentName(binding.name())) {
      problems.add(Problem.error(ref, "metadata.name", "binding name '" + binding.name() + "' " + p,
          "use a name without '/' or '%'"));
    }
    if (binding.subjects().isEmpty()) {
      problems.add(Problem.error(ref, "subjects", "binds nobody", "add a subject with subject(RbacSubject.user(...)),"
          + " RbacSubject.group(...) or RbacSubject.serviceAccount(...)"));
    }
    if (binding.isClusterRoleBinding() && !binding.clusterRole()) {
      problems.add(Problem.error(ref, "roleRef", "a ClusterRoleBinding can only refer to a ClusterRole, not to Role '"
          + binding.roleName() + "'", "use RbacBinding.toRole(namespace, role) for a Role"));
    }
    if (binding.clusterRole() && binding.roleName().equals("cluster-admin")
        && !binding.acknowledgedRisks().contains(Risk.CLUSTER_ADMIN_BINDING)) {
      problems.add(Problem.error(ref, "roleRef", "binds cluster-admin, which may do anything"
              + (binding.isClusterRoleBinding() ? "" : " in namespace " + binding.namespace().get()),
          "bind a least-privilege role, or accept the risk with acknowledgeRisk(Risk.CLUSTER_ADMIN_BINDING)"));
    }
    for (int i = 0; i < binding.subjects().size(); i++) {
      RbacSubject s = binding.subjects().get(i);
      if (s.name().isEmpty()) {
        problems.add(Problem.error(ref, "subjects[" + i + "].name", "is empty", "name the " + s.kind()
            .kubernetesName()));
      }
    }
    return problems;
  }

  /** Problems between the roles and bindings of one profile; linear in their number (roles are indexed). */
  public static List<Problem> profile(List<RbacRole> roles, List<RbacBinding> bindings) {
    List<Problem> problems = new ArrayList<>();
    Set<ResourceRef> seen = new HashSet<>();
    Map<String, RbacRole> firstRoleNamed = new HashMap<>();
    for (RbacRole role : roles) {
      if (!seen.add(role.ref())) {
        problems.add(Problem.error(role.ref(), "metadata.name", "is defined twice", "give each role its own name"));
      }
      if (!role.isClusterRole()) firstRoleNamed.putIfAbsent(role.name(), role);
    }
    Set<ResourceRef> roleRefs = Set.copyOf(roles.stream().map(RbacRole::ref).collect(Collectors.toList()));
    for (RbacBinding binding : bindings) {
      if (!seen.add(binding.ref())) {
        problems.add(Problem.error(binding.ref(), "metadata.name", "is defined twice",
            "give each binding its own name with name(...)"));
      }
      if (binding.clusterRole() || binding.isClusterRoleBinding() || roleRefs.contains(binding.roleRef())) continue;
      Optional.ofNullable(firstRoleNamed.get(binding.roleName()))
          .ifPresent(other -> problems.add(Problem.error(binding.ref(), "roleRef", "refers to Role '"
                  + binding.roleName() + "', which this profile defines in namespace " + other.namespace().get()
                  + "; a RoleBinding can only refer to a Role of its own namespace ("
                  + binding.namespace().get() + ")",
              "define the role in " + binding.namespace().get() + " too, or make it a ClusterRole and bind it"
                  + " with RbacBinding.toClusterRoleIn(namespace, role) in each namespace")));
    }
    return problems;
  }

  /**
   * A request carries a name only when it is made on a named object: deletecollection never does, so resourceNames
   * make such a grant useless; a plain create (POST) does not either, while a create on a named subresource
   * ({@code serviceaccounts/token}, {@code pods/exec}) or a server-side apply creating a named object does.
   */
  private static void namedVerbs(ResourceRef ref, String at, Rule rule, List<Problem> problems) {
    if (rule.verbs().contains("deletecollection")) {
      problems.add(Problem.error(ref, at + ".resourceNames", "restricts 'deletecollection' to named objects, but"
              + " 'deletecollection' requests carry no object name, so the rule never allows it",
          "grant 'deletecollection' in a separate rule without resourceNames"));
    }
    boolean onSubresources = rule.resources().stream().allMatch(r -> r.contains("/"));
    if (rule.verbs().contains("create") && !onSubresources) {
      problems.add(Problem.warning(ref, at + ".resourceNames", "restricts 'create' to named objects: a plain create"
              + " (kubectl create, POST) carries no object name and is denied; only a server-side apply that creates"
              + " one of these names, or a create on a named subresource, is allowed",
          "grant 'create' in a separate rule without resourceNames, unless only server-side apply creates them"));
    }
  }
}
