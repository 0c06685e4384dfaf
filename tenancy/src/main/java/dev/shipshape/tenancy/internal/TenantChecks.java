package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.security.pss.PodSecurityProfile;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of one {@link Tenant}: its names and labels, its namespace, its NetworkPolicySet's targets; the quota
 * and default amounts are in {@link BudgetChecks}, the NetworkPolicies its teams may change in {@link AccessChecks}.
 * Every problem names the tenant's object and the field, and says which builder method fixes it. Its LimitRange, and
 * the Pods of its namespace under it, are judged by planning, as every LimitRange and Pod of a spec is (core's
 * {@link dev.shipshape.core.LimitRangeRules}, with the defaults of extended resources that reach every Pod): one
 * problem per mistake, whoever built the LimitRange.
 */
public final class TenantChecks {
  /** The namespaces of the cluster itself ("Namespaces" in the Kubernetes documentation, "Initial namespaces"). */
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public",
      "kube-node-lease");
  private static final String SYSTEM_PREFIX = "kube-";
  private static final String DEFAULT_SET_SUFFIX = "-netpol";

  private TenantChecks() {}

  /** The name of the tenant's default NetworkPolicySet. */
  public static String defaultPolicySetName(Tenant tenant) {
    return tenant.name() + DEFAULT_SET_SUFFIX;
  }

  /**
   * Whether the tenant's NetworkPolicySet can be compiled: its namespace and its name are DNS labels. When they are
   * not, the set's own errors would only repeat, under the set's name, what the tenant's checks report.
   */
  public static boolean policiesCompile(Tenant tenant) {
    return Names.checkDns1123Label(tenant.namespace()).isEmpty()
        && Names.checkDns1123Label(tenant.networkPolicies().name()).isEmpty();
  }

  /**
   * Whether the persona's teams create NetworkPolicies ({@link Persona#CI_DEPLOYER}, {@link Persona#NAMESPACE_ADMIN}),
   * and so are the teams that may also change the tenant's {@code editableNetworkPolicies()}.
   */
  public static boolean createsNetworkPolicies(Persona persona) {
    return persona.inherentRisks().contains(Risk.NETWORK_POLICY_WRITE);
  }

  /** Every problem of the tenant, the budget's included. */
  public static List<Problem> problems(Tenant tenant, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ns = ResourceRef.clusterScoped("", "Namespace", tenant.namespace());
    names(tenant, ns, problems);
    labels(tenant, ns, problems);
    BudgetChecks.check(tenant, problems);
    policyTargets(tenant, context, ns, problems);
    AccessChecks.check(tenant, ns, context, problems);
    return problems;
  }

  private static void names(Tenant tenant, ResourceRef ns, List<Problem> problems) {
    Names.checkLabelValue(tenant.name()).forEach(m -> problems.add(Problem.error(ns, "metadata.labels["
        + tenant.tenantLabelKey() + "]", "tenant name '" + tenant.name() + "' " + m,
        "name the tenant with a short DNS label, such as 'team-a'")));
    Names.checkLabelKey(tenant.tenantLabelKey()).forEach(m -> problems.add(Problem.error(ns, "metadata.labels",
        "tenant label key '" + tenant.tenantLabelKey() + "' " + m, "use a key such as 'example.com/tenant'")));
    String namespace = tenant.namespace();
    if (SYSTEM_NAMESPACES.contains(namespace)) {
      problems.add(Problem.error(ns, "metadata.name", "tenant '" + tenant.name() + "' is given namespace '"
          + namespace + "', which belongs to the cluster: its default-deny NetworkPolicies, quota, default limits"
          + " and Pod Security labels would apply to the cluster's own workloads", "give the tenant a namespace of"
          + " its own with namespace(...), such as 'team-a'"));
    } else if (namespace.startsWith(SYSTEM_PREFIX)) {
      problems.add(Problem.warning(ns, "metadata.name", "tenant '" + tenant.name() + "' is given namespace '"
          + namespace + "', but Kubernetes reserves the prefix '" + SYSTEM_PREFIX + "' for its system namespaces",
          "choose a namespace without the '" + SYSTEM_PREFIX + "' prefix with namespace(...)"));
    }
    policySetName(tenant, problems);
  }

  /** The set's name prefixes its policies' names, so it must be a DNS label; by default it is the tenant's name. */
  private static void policySetName(Tenant tenant, List<Problem> problems) {
    String namespace = tenant.namespace();
    String set = tenant.networkPolicies().name();
    boolean derived = set.equals(defaultPolicySetName(tenant));
    // Named after a tenant name that is also the namespace, an invalid set name repeats the Namespace's name error.
    if (derived && namespace.equals(tenant.name()) && !Names.checkDns1123Label(namespace).isEmpty()) return;
    for (String m : Names.checkDns1123Label(set)) {
      problems.add(Problem.error(ResourceRef.namespaced("networking.k8s.io", "NetworkPolicy", namespace,
          set + "-*"), "metadata.name", derived
          ? "tenant '" + tenant.name() + "' names its NetworkPolicies after its NetworkPolicySet '" + set + "', whose"
              + " name " + m
          : "tenant '" + tenant.name() + "' has a NetworkPolicySet named '" + set + "', whose name " + m,
          derived
              ? "use a tenant name of at most " + (63 - DEFAULT_SET_SUFFIX.length()) + " lower-case letters, digits"
                  + " and '-', or name the set: networkPolicies(NetworkPolicySet.forNamespaces(\"" + namespace
                  + "\").named(\"...\")...)"
              : "name the set with named(...), using lower-case letters, digits and '-', such as '" + namespace
                  + DEFAULT_SET_SUFFIX + "'"));
    }
  }

  /** A label given to putLabels that the tenant sets itself would be silently replaced. */
  private static void labels(Tenant tenant, ResourceRef ns, List<Problem> problems) {
    Map<String, String> own = new LinkedHashMap<>(tenant.podSecurity().labels());
    own.put(tenant.tenantLabelKey(), tenant.name());
    tenant.labels().forEach((key, value) -> {
      String set = own.get(key);
      if (set == null || set.equals(value)) return;
      boolean podSecurity = key.startsWith(PodSecurityProfile.LABEL_PREFIX);
      problems.add(Problem.error(ns, "metadata.labels[" + key + "]", "tenant '" + tenant.name() + "' is given"
          + " label " + key + "=" + value + " with putLabels, but its " + (podSecurity ? "Pod Security profile"
          : "tenant label") + " sets " + key + "=" + set + ", which would replace it", podSecurity
          ? "choose the levels with podSecurity(PodSecurityProfile.enforce(...)...build()) instead of putLabels"
          : "remove the label from putLabels, or name the tenant's label with tenantLabelKey(...)"));
    });
  }

  /**
   * The set must target the tenant's namespace and no other: a set for another namespace leaves the tenant's
   * namespace without its default deny, and policies in other namespaces would be the tenant's objects.
   */
  private static void policyTargets(Tenant tenant, SpecContext context, ResourceRef ns, List<Problem> problems) {
    NetworkPolicySet set = tenant.networkPolicies();
    Optional<Map<String, String>> selector = set.tenantLabels();
    List<String> targets = selector.map(labels -> labelled(context, labels)).orElse(set.namespaces());
    String namespace = tenant.namespace();
    if (targets.equals(List.of(namespace))) return;
    String found = targets.isEmpty() ? "no namespace of the spec"
        : (targets.size() == 1 ? "namespace " : "namespaces ") + targets.stream().map(t -> "'" + t + "'")
            .collect(Collectors.joining(", "));
    String consequence = targets.contains(namespace)
        ? "the tenant would own NetworkPolicies in other namespaces"
        : "the tenant's namespace '" + namespace + "' is left without its default deny";
    problems.add(Problem.error(ns, "networkPolicies", "tenant '" + tenant.name() + "' is given a NetworkPolicySet '"
        + set.name() + "' for " + found + selector.map(l -> " (labelled " + l + ")").orElse("") + ", not for its"
        + " own namespace '" + namespace + "' alone: " + consequence, "build the set for the tenant's namespace:"
        + " networkPolicies(NetworkPolicySet.forNamespaces(\"" + namespace + "\")...)"
        + (targets.stream().anyMatch(t -> !t.equals(namespace))
            ? ", and give the other namespaces their own Tenant or NetworkPolicySet" : "")));
  }

  private static List<String> labelled(SpecContext context, Map<String, String> labels) {
    return context.resources(Namespace.class).stream()
        .filter(n -> n.getMetadata().getLabels() != null
            && n.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
        .map(n -> n.getMetadata().getName()).filter(Objects::nonNull).distinct().collect(Collectors.toList());
  }
}
