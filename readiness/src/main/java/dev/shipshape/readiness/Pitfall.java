package dev.shipshape.readiness;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pitfalls between a laptop cluster and production that {@link ProductionReadiness} looks for, each with the
 * rule ids whose findings count against it. Several rules come from other modules' checks (the security audit,
 * the backup checks), under their own ids, so that their equivalents in other tools still match.
 */
public enum Pitfall {
  /** One pod is no service: single replicas, missing disruption budgets, replicas that may share one node. */
  AVAILABILITY("availability", "single replicas, disruption budgets, spreading over nodes and zones",
      "single-replica-without-pdb", "replicas-without-pdb", "pdb-blocks-eviction", "replicas-not-spread"),
  /** Containers without requests, limits or probes. */
  RESOURCES("resources", "requests, limits and probes", "cpu-requests-missing", "cpu-limits-missing",
      "memory-requests-missing", "memory-limits-missing", "readiness-probe-missing", "liveness-probe-missing"),
  /** Images whose content can change under the same name. */
  IMAGES("images", "mutable image tags", "image-tag-missing", "image-without-digest"),
  /** Namespaces whose pods accept traffic from anywhere. */
  NETWORK("network", "default-deny NetworkPolicies", "namespace-without-default-deny"),
  /** Grants broader than the subjects need. */
  RBAC("rbac", "over-broad RBAC", "rbac-risky-permission", "cluster-admin-binding", "rolebinding-cluster-admin",
      "rbac-role-pod-exec", "rbac-rolebinding-role-pod-exec", "rbac-rolebinding-clusterrole-pod-exec",
      "rbac-clusterrolebinding-pod-exec"),
  /** Data without backups, or backups kept where the cluster's loss takes them too. */
  BACKUPS("backups", "backup schedules for volumes, backups off the cluster", "backup-coverage",
      "backup-off-cluster"),
  /** Secrets readable from etcd's disk or its backups. */
  ETCD("etcd", "etcd encryption at rest", "etcd-encryption"),
  /** Requests to the API server that no audit log records: who read a Secret or changed RBAC stays unknown. */
  AUDIT_LOGS("audit-logs", "API server audit logging", "audit-logging", "audit-policy-coverage"),
  /** kube-proxy's iptables mode at a size where its updates and lookups slow down. */
  KUBE_PROXY("kube-proxy", "kube-proxy mode for the number of Services", "kube-proxy-mode"),
  /** What the spec provisions, but nothing alerts on. */
  MONITORING("monitoring", "alerts on what is provisioned", "monitoring-rules-missing", "workload-unwatched"),
  /** Versions that no longer get patches, APIs about to disappear, add-ons other than the spec expects. */
  VERSIONS("versions", "supported Kubernetes version, deprecated APIs, add-on versions",
      "unsupported-kubernetes-version", "deprecated-api-version", "add-on-version");

  private final String id;
  private final String title;
  private final List<String> rules;

  Pitfall(String id, String title, String... rules) {
    this.id = id;
    this.title = title;
    this.rules = List.of(rules);
  }

  /** A stable id, such as {@code availability}. */
  public String id() {
    return id;
  }

  /** What the pitfall covers, in a few words. */
  public String title() {
    return title;
  }

  /** The ids of the rules whose findings count against this pitfall. */
  public List<String> rules() {
    return rules;
  }

  /** The pitfall a rule belongs to. */
  public static Optional<Pitfall> ofRule(String ruleId) {
    return Arrays.stream(values()).filter(p -> p.rules.contains(ruleId)).findFirst();
  }
}
