package dev.shipshape.security.rbac.internal;

import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which {@link Risk}s a rule carries. A risk is a set of probe requests; a rule carries the risk when it allows
 * any probe under the authorizer's own matching, so {@code *} verbs or groups are caught like explicit ones.
 */
public final class RiskCatalog {
  private static final String RBAC = "rbac.authorization.k8s.io";

  private RiskCatalog() {}

  private static final class Probe {
    final Risk risk;
    final List<String> verbs;
    final String group;
    /** Each resource as its base and subresource ("" for none): split once, as every rule of a plan is probed. */
    final List<String[]> resources;
    final boolean clusterScoped;

    Probe(Risk risk, List<String> verbs, String group, boolean clusterScoped, String... resources) {
      this.risk = risk;
      this.verbs = verbs;
      this.group = group;
      this.clusterScoped = clusterScoped;
      this.resources = Arrays.stream(resources).map(r -> r.contains("/") ? r.split("/", 2) : new String[] {r, ""})
          .toList();
    }
  }

  private static final List<String> WRITE = List.of("create", "update", "patch");

  // Probes on cluster-scoped resources (marked true) grant nothing through a RoleBinding.
  private static final List<Probe> PROBES = List.of(
      new Probe(Risk.ESCALATE, List.of("escalate"), RBAC, false, "roles"),
      new Probe(Risk.ESCALATE, List.of("escalate"), RBAC, true, "clusterroles"),
      new Probe(Risk.BIND, List.of("bind"), RBAC, false, "roles"),
      new Probe(Risk.BIND, List.of("bind"), RBAC, true, "clusterroles"),
      new Probe(Risk.IMPERSONATE, List.of("impersonate"), "", false, "serviceaccounts"),
      new Probe(Risk.IMPERSONATE, List.of("impersonate"), "", true, "users", "groups"),
      new Probe(Risk.IMPERSONATE, List.of("impersonate"), "authentication.k8s.io", true, "uids",
          "userextras/scopes"),
      // "list and watch access also effectively allow for users to reveal the Secret contents"
      // (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets).
      new Probe(Risk.SECRETS_READ, List.of("get", "list", "watch"), "", false, "secrets"),
      // So do the answers carrying the stored object: a patch's, even a dry run's
      // (https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run); a delete's once a finalizer defers it
      // (https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/), as the caller's own
      // propagationPolicy Foreground does (https://kubernetes.io/docs/concepts/architecture/garbage-collection/);
      // a deletecollection's, the deleted list (k8s.io/apiserver Store.DeleteCollection). An immediate delete answers
      // with a Status (API conventions, "Response Status Kind"); an update's answer holds only what it sent.
      new Probe(Risk.SECRETS_READ_BY_PATCH_OR_DELETE, List.of("patch", "delete", "deletecollection"), "", false,
          "secrets"),
      new Probe(Risk.WORKLOAD_WRITE, WRITE, "", false, "pods", "replicationcontrollers"),
      new Probe(Risk.WORKLOAD_WRITE, WRITE, "apps", false, "deployments", "statefulsets", "daemonsets",
          "replicasets"),
      new Probe(Risk.WORKLOAD_WRITE, WRITE, "batch", false, "jobs", "cronjobs"),
      // NetworkPolicies add up, so a created one opens what a default deny closes; changing or deleting one (the
      // default deny itself) does too (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
      new Probe(Risk.NETWORK_POLICY_WRITE, List.of("create", "update", "patch", "delete", "deletecollection"),
          "networking.k8s.io", false, "networkpolicies"),
      // exec and attach upgrade a GET or a POST request to a stream, so either verb is enough.
      new Probe(Risk.POD_EXEC, List.of("create", "get"), "", false, "pods/exec", "pods/attach"),
      new Probe(Risk.NODE_PROXY, List.of("get", "create"), "", true, "nodes/proxy"),
      new Probe(Risk.CSR_APPROVAL, List.of("update", "patch"), "certificates.k8s.io", true,
          "certificatesigningrequests/approval"),
      new Probe(Risk.SERVICE_ACCOUNT_TOKEN, List.of("create"), "", false, "serviceaccounts/token"),
      new Probe(Risk.WEBHOOK_EDIT, List.of("create", "update", "patch", "delete"), "admissionregistration.k8s.io",
          true, "mutatingwebhookconfigurations", "validatingwebhookconfigurations"));

  /**
   * The risks this rule carries, in {@link Risk} order; never {@link Risk#CLUSTER_ADMIN_BINDING}.
   * {@code namespacedOnly} is for rules that apply inside one namespace (a Role, or a ClusterRole bound by a
   * RoleBinding), where grants on cluster-scoped resources and non-resource URLs grant nothing.
   */
  public static Set<Risk> risksOf(Rule rule, boolean namespacedOnly) {
    Set<Risk> risks = EnumSet.noneOf(Risk.class);
    if (rule.isNonResource()) {
      if (!namespacedOnly && hasWildcard(rule)) risks.add(Risk.WILDCARD);
      return risks;
    }
    if (hasWildcard(rule)) risks.add(Risk.WILDCARD);
    for (Probe probe : PROBES) {
      if (risks.contains(probe.risk) || (namespacedOnly && probe.clusterScoped)
          || !RuleMatching.groupMatches(rule, probe.group)) {
        continue;
      }
      for (String verb : probe.verbs) {
        for (String[] resource : probe.resources) {
          if (RuleMatching.allowsResource(rule, verb, probe.group, resource[0], resource[1], "")
              || anyNamed(rule, verb, probe.group, resource[0], resource[1])) {
            risks.add(probe.risk);
          }
        }
      }
    }
    // Whoever may get, list or watch the Secrets a rule covers learns nothing more from its patches and deletes.
    if (risks.contains(Risk.SECRETS_READ)) risks.remove(Risk.SECRETS_READ_BY_PATCH_OR_DELETE);
    return risks;
  }

  // A rule limited to named objects still carries the risk for those objects (one named Secret is still read).
  // A deletecollection request never carries a name, so resourceNames keep the authorizer from ever allowing it.
  private static boolean anyNamed(Rule rule, String verb, String group, String resource, String sub) {
    if (verb.equals("deletecollection")) return false;
    for (String name : rule.resourceNames()) {
      if (RuleMatching.allowsResource(rule, verb, group, resource, sub, name)) return true;
    }
    return false;
  }

  /**
   * How to rid a rule of {@link Risk#SECRETS_READ_BY_PATCH_OR_DELETE}, or else narrow it: {@code acknowledge} says how
   * to accept the risk. Limited by resourceNames, patch and delete still reveal the Secrets named, as a read would.
   */
  public static String secretsByPatchOrDeleteFix(String acknowledge) {
    return "drop patch, delete and deletecollection on Secrets, or " + acknowledge + ", best with patch and delete"
        + " limited by resourceNames to the Secrets that must change (those stay readable)";
  }

  /**
   * How to narrow a rule carrying {@link Risk#NETWORK_POLICY_WRITE}, or else accept it: {@code acknowledge} says how.
   * RBAC limits update, patch and delete by name, never create (a plain create carries no name) nor what a policy
   * allows (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources).
   */
  public static String networkPolicyWriteFix(String acknowledge) {
    return "limit update, patch and delete of NetworkPolicies with resourceNames to the subjects' own policies, drop"
        + " create unless they must ship policies (RBAC cannot limit it by name nor by what a policy allows: an"
        + " AdminNetworkPolicy or an admission policy can), or " + acknowledge;
  }

  /** True when the rule spells {@code *} in its verbs, API groups, resources or non-resource URLs. */
  public static boolean hasWildcard(Rule rule) {
    return rule.verbs().contains(RuleMatching.ALL) || rule.apiGroups().contains(RuleMatching.ALL)
        || rule.resources().contains(RuleMatching.ALL) || rule.nonResourceURLs().contains(RuleMatching.ALL);
  }
}
