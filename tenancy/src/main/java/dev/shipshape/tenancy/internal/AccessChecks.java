package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.security.rbac.RbacProfile;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.tenancy.Tenant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tenant's RBAC against its own NetworkPolicies: no team may update, patch or delete a policy the tenant creates
 * itself, as the default deny is what isolates the namespace, and NetworkPolicies add up, so a team that may change
 * it may open the namespace ("Network Policies" in the Kubernetes documentation, "Network policies do not conflict;
 * they are additive").
 */
final class AccessChecks {
  private static final String NETWORKING = "networking.k8s.io";
  private static final String NETWORK_POLICIES = "networkpolicies";

  private AccessChecks() {}

  static void check(Tenant tenant, List<Problem> problems) {
    if (tenant.editableNetworkPolicies().isEmpty() || !TenantChecks.policiesCompile(tenant)) return;
    Set<String> own = tenant.networkPolicies().policiesFor(tenant.namespace()).stream()
        .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    tenant.access().map(RbacProfile::roles).orElse(List.of()).forEach(role -> platformPolicies(tenant, role, own,
        problems));
  }

  private static void platformPolicies(Tenant tenant, RbacRole role, Set<String> own, List<Problem> problems) {
    List<Rule> rules = role.rules();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (!rule.apiGroups().contains(NETWORKING) || !rule.resources().contains(NETWORK_POLICIES)) continue;
      for (int j = 0; j < rule.resourceNames().size(); j++) {
        String name = rule.resourceNames().get(j);
        if (!own.contains(name)) continue;
        problems.add(Problem.error(role.ref(), "rules[" + i + "].resourceNames[" + j + "]", "lets the "
            + role.name() + " team of tenant '" + tenant.name() + "' " + String.join(", ", rule.verbs())
            + " NetworkPolicy '" + name + "', which the tenant creates itself from networkPolicies(...): the team"
            + " could delete or loosen the isolation of namespace '" + tenant.namespace() + "'", "remove '" + name
            + "' from editableNetworkPolicies(...) and name only the policies the team creates itself"));
      }
    }
  }
}
