package dev.shipshape.security.rbac;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Least-privilege starting points for the roles people actually have. Each persona is a list of {@link Rule}s that
 * an {@link RbacRole} can start from and then tailor ({@code without(...)}, {@code withoutVerbs(...)},
 * {@code rule(...)}). No persona grants {@code *}, get, list or watch on Secrets, escalate, bind or impersonate,
 * except {@link #NAMESPACE_ADMIN}, which reads Secrets and execs into pods by definition; {@link #CI_DEPLOYER}'s
 * patches and deletes of Secrets reveal them too ({@link Risk#SECRETS_READ_BY_PATCH_OR_DELETE}).
 *
 * <p>Every persona reads its namespace's ResourceQuotas (with their status: the usage) and LimitRanges, as
 * Kubernetes' {@code view}, {@code edit} and {@code admin} ClusterRoles do, and none changes them: the budget is the
 * platform's.
 *
 * <p>NetworkPolicies are the platform's too: {@link #CI_DEPLOYER} and {@link #NAMESPACE_ADMIN} may create them
 * (an application ships its own) but neither update, patch nor delete them, so neither removes nor loosens the
 * namespace's default deny. RBAC cannot deny by name, and {@code create} cannot be limited by name; update, patch
 * and delete can, to the names listed
 * (<a href="https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources">Referring to
 * resources</a>), so a role that must change its application's policies lists them:
 * {@code rule(Rule.on("networking.k8s.io", "networkpolicies").allow("update", "patch", "delete").onlyNamed("web"))}
 * (a server-side apply of an existing policy is a patch). Policies add up, so a policy it creates may still allow
 * what the default deny blocks: {@link Risk#NETWORK_POLICY_WRITE}, which only an AdminNetworkPolicy or an admission
 * policy can close.
 *
 * <p>Choosing a persona acknowledges its {@link #inherentRisks()}; anything risky added on top must be
 * acknowledged on the role.
 */
public enum Persona {
  /** Reads workloads, services, config, events, quotas and limits of a namespace; no Secrets, no logs. */
  VIEWER,
  /** A viewer who also reads logs and deploys: writes workloads, services, ConfigMaps and claims. */
  DEVELOPER,
  /** On-call: a viewer who also reads logs, scales, evicts and deletes pods; cannot change pod templates. */
  OPERATOR,
  /**
   * A pipeline: applies workloads, services, config and Secrets, and creates NetworkPolicies (without changing or
   * deleting any). It may not get, list or watch Secrets, but that is
   * not secrecy: the API server answers a patch (even an empty one) or a deferred delete (as
   * {@code propagationPolicy: Foreground} makes it) with the stored object, so it can read a Secret whose name it
   * knows ({@link Risk#SECRETS_READ_BY_PATCH_OR_DELETE}), and a pod it deploys can mount any Secret of the namespace
   * ({@link Risk#WORKLOAD_WRITE}).
   */
  CI_DEPLOYER,
  /** Reads RBAC, policies and workloads for review; as a ClusterRole also namespaces, nodes and cluster RBAC. */
  AUDITOR,
  /**
   * Everything inside a namespace but its quota and limits, which it reads, and its NetworkPolicies, which it reads
   * and creates without changing or deleting any: Secrets, exec, Roles and RoleBindings.
   */
  NAMESPACE_ADMIN;

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE = List.of("create", "update", "patch", "delete");
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String NETWORKING = "networking.k8s.io";

  /** {@code viewer}, {@code ci-deployer}, … : the default role name. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The risks that this persona's own rules carry; choosing the persona acknowledges them. */
  public Set<Risk> inherentRisks() {
    switch (this) {
      case DEVELOPER:
        return EnumSet.of(Risk.WORKLOAD_WRITE);
      case CI_DEPLOYER:
        return EnumSet.of(Risk.SECRETS_READ_BY_PATCH_OR_DELETE, Risk.WORKLOAD_WRITE, Risk.NETWORK_POLICY_WRITE);
      case NAMESPACE_ADMIN:
        return EnumSet.of(Risk.WORKLOAD_WRITE, Risk.SECRETS_READ, Risk.POD_EXEC, Risk.NETWORK_POLICY_WRITE);
      default:
        return EnumSet.noneOf(Risk.class);
    }
  }

  /**
   * The persona's rules. {@code clusterScope} adds the rules that only make sense in a ClusterRole (cluster-scoped
   * resources such as namespaces and nodes).
   */
  public List<Rule> rules(boolean clusterScope) {
    List<Rule> rules = new ArrayList<>(viewRules());
    switch (this) {
      case VIEWER:
        break;
      case DEVELOPER:
        rules.add(Rule.core("pods/log").allow("get", "list"));
        rules.add(allow(Rule.on("apps", "deployments", "statefulsets"), WRITE));
        rules.add(allow(Rule.on("batch", "jobs", "cronjobs"), WRITE));
        rules.add(allow(Rule.core("services", "configmaps", "persistentvolumeclaims"), WRITE));
        rules.add(Rule.core("pods").allow("delete"));
        break;
      case OPERATOR:
        rules.add(Rule.core("pods/log").allow("get", "list"));
        rules.add(Rule.on("apps", "deployments/scale", "statefulsets/scale").allow("get", "update", "patch"));
        rules.add(Rule.core("pods").allow("delete"));
        rules.add(Rule.core("pods/eviction").allow("create"));
        break;
      case CI_DEPLOYER:
        rules.add(allow(Rule.on("apps", "deployments", "statefulsets", "daemonsets"), WRITE));
        rules.add(allow(Rule.on("batch", "jobs", "cronjobs"), WRITE));
        rules.add(allow(Rule.core("services", "configmaps", "serviceaccounts", "persistentvolumeclaims"), WRITE));
        rules.add(allow(Rule.on(NETWORKING, "ingresses"), WRITE));
        rules.add(createNetworkPolicies());
        rules.add(allow(Rule.on("autoscaling", "horizontalpodautoscalers"), WRITE));
        rules.add(allow(Rule.on("policy", "poddisruptionbudgets"), WRITE));
        rules.add(Rule.core("secrets").allow("create", "update", "patch", "delete"));
        break;
      case AUDITOR:
        rules.add(allow(Rule.on(RBAC, "roles", "rolebindings"), READ));
        rules.add(allow(Rule.core("serviceaccounts"), READ));
        if (clusterScope) {
          rules.add(allow(Rule.on(RBAC, "clusterroles", "clusterrolebindings"), READ));
          rules.add(allow(Rule.core("namespaces", "nodes", "persistentvolumes"), READ));
          rules.add(allow(Rule.on("admissionregistration.k8s.io", "mutatingwebhookconfigurations",
              "validatingwebhookconfigurations"), READ));
        }
        break;
      case NAMESPACE_ADMIN:
        rules.add(Rule.core("pods/log").allow("get", "list"));
        rules.add(allow(Rule.core("pods", "services", "configmaps", "secrets", "serviceaccounts",
            "persistentvolumeclaims", "replicationcontrollers"), List.of("get", "list", "watch", "create",
            "update", "patch", "delete", "deletecollection")));
        rules.add(Rule.core("pods/exec", "pods/attach", "pods/portforward", "pods/eviction").allow("create", "get"));
        rules.add(allow(Rule.on("apps", "deployments", "statefulsets", "daemonsets", "replicasets",
            "deployments/scale", "statefulsets/scale"), WRITE));
        rules.add(allow(Rule.on("batch", "jobs", "cronjobs"), WRITE));
        rules.add(allow(Rule.on(NETWORKING, "ingresses"), WRITE));
        rules.add(createNetworkPolicies());
        rules.add(allow(Rule.on("autoscaling", "horizontalpodautoscalers"), WRITE));
        rules.add(allow(Rule.on("policy", "poddisruptionbudgets"), WRITE));
        rules.add(allow(Rule.on(RBAC, "roles", "rolebindings"), List.of("get", "list", "watch", "create", "update",
            "patch", "delete")));
        break;
      default:
        throw new AssertionError(this);
    }
    return List.copyOf(rules);
  }

  private static List<Rule> viewRules() {
    return List.of(
        allow(Rule.core("pods", "services", "endpoints", "configmaps", "persistentvolumeclaims",
            "replicationcontrollers", "events"), READ),
        allow(Rule.on("apps", "deployments", "statefulsets", "daemonsets", "replicasets"), READ),
        allow(Rule.on("batch", "jobs", "cronjobs"), READ),
        allow(Rule.on(NETWORKING, "ingresses", "networkpolicies"), READ),
        allow(Rule.on("autoscaling", "horizontalpodautoscalers"), READ),
        allow(Rule.on("policy", "poddisruptionbudgets"), READ),
        // The namespace's budget, which the view ClusterRole reads too: kubectl describe quota, limits.
        allow(Rule.core("resourcequotas", "resourcequotas/status", "limitranges"), READ));
  }

  /**
   * Create only: a plain create carries no object name, so resourceNames cannot limit it, and update, patch and
   * delete unlimited would reach the platform's policies (the namespace's default deny) too.
   */
  private static Rule createNetworkPolicies() {
    return Rule.on(NETWORKING, "networkpolicies").allow("create");
  }

  private static Rule allow(Rule.Target target, List<String> verbs) {
    return target.allow(verbs.toArray(new String[0]));
  }
}
