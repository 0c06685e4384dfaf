package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.tenancy.Tenant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The NetworkPolicies a tenant names in {@code editableNetworkPolicies(...)}, judged as given, whatever its teams:
 * <ul>
 *   <li>each must be a name a NetworkPolicy can have, a DNS-1123 subdomain: RBAC compares {@code resourceNames}
 *       with the request's name exactly, so {@code "*"} is no wildcard ("Referring to resources" in the Kubernetes
 *       RBAC documentation), and any other name matches no policy;</li>
 *   <li>none may be a policy the tenant creates itself, as the default deny is what isolates the namespace, and
 *       NetworkPolicies add up, so a team that may change it may open the namespace ("Network Policies" in the
 *       Kubernetes documentation, "Network policies do not conflict; they are additive");</li>
 *   <li>one that another component of the spec (or the spec's own resources) puts in the tenant's namespace is a
 *       warning: the spec owns that policy, so each apply undoes what the teams change and brings back what they
 *       delete, while the teams' changes hold until then;</li>
 *   <li>the names grant something only to the teams of the personas that create NetworkPolicies: without such a
 *       team they are a warning.</li>
 * </ul>
 */
final class AccessChecks {
  private static final String WILDCARD = "*";
  /** The producer that {@link SpecContext#producerOf} names for the spec's raw resources. */
  private static final String RAW_RESOURCES = "resources";

  private AccessChecks() {}

  static void check(Tenant tenant, ResourceRef ns, SpecContext context, List<Problem> problems) {
    List<String> names = List.copyOf(tenant.editableNetworkPolicies());
    if (names.isEmpty()) return;
    Set<String> own = TenantChecks.policiesCompile(tenant) ? tenant.networkPolicies()
        .policiesFor(tenant.namespace()).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet())
        : Set.of();
    for (int i = 0; i < names.size(); i++) {
      name(tenant, ns, context, "editableNetworkPolicies[" + i + "]", names.get(i), own, problems);
    }
    if (tenant.teams().keySet().stream().noneMatch(TenantChecks::createsNetworkPolicies)) {
      problems.add(Problem.warning(ns, "editableNetworkPolicies", "tenant '" + tenant.name() + "' names"
          + " NetworkPolicies " + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
          + " in editableNetworkPolicies(...), but has no CI_DEPLOYER or NAMESPACE_ADMIN team, the personas that"
          + " create NetworkPolicies: no team may change them", "add the team that ships the policies with"
          + " team(Persona.CI_DEPLOYER, ...) or team(Persona.NAMESPACE_ADMIN, ...), or leave out"
          + " editableNetworkPolicies(...)"));
    }
  }

  private static void name(Tenant tenant, ResourceRef ns, SpecContext context, String field, String name,
      Set<String> own, List<Problem> problems) {
    String named = "tenant '" + tenant.name() + "' lets its teams change NetworkPolicy '" + name + "'";
    if (name.equals(WILDCARD)) {
      problems.add(Problem.error(ns, field, named + ", but RBAC matches resourceNames exactly: '*' is no wildcard"
          + " and names no policy", "name each policy the teams may change, such as 'web-ingress'"));
      return;
    }
    List<String> invalid = Names.checkDns1123Subdomain(name);
    if (!invalid.isEmpty()) {
      problems.add(Problem.error(ns, field, named + ", whose name " + String.join(" and ", invalid) + ": no"
          + " NetworkPolicy can have it, so it grants nothing", "give the name of the policy as it is in its"
          + " metadata.name, such as 'web-ingress'"));
    } else if (own.contains(name)) {
      problems.add(Problem.error(ns, field, named + ", which the tenant creates itself from networkPolicies(...):"
          + " its teams could delete or loosen the isolation of namespace '" + tenant.namespace() + "'", "remove '"
          + name + "' from editableNetworkPolicies(...) and name only the policies the teams create themselves"));
    } else {
      ResourceRef policy = ResourceRef.namespaced("networking.k8s.io", "NetworkPolicy", tenant.namespace(), name);
      context.producerOf(policy).filter(p -> !p.equals(tenant.name()))
          .ifPresent(producer -> problems.add(ownedElsewhere(tenant, ns, field, name, producer)));
    }
  }

  private static Problem ownedElsewhere(Tenant tenant, ResourceRef ns, String field, String name, String producer) {
    boolean raw = producer.equals(RAW_RESOURCES);
    String owner = raw ? "the spec's own resources" : "component '" + producer + "'";
    return Problem.warning(ns, field, "tenant '" + tenant.name() + "' lets its teams change NetworkPolicy '" + name
        + "', which " + owner + " also put" + (raw ? "" : "s") + " in namespace '" + tenant.namespace() + "': each"
        + " apply of the spec undoes what the teams change and brings back what they delete", "remove '" + name
        + "' from editableNetworkPolicies(...) and change the policy in " + owner + ", or take it out of the spec"
        + " if the teams own it");
  }
}
