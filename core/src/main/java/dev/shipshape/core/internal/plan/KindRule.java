package dev.shipshape.core.internal.plan;

import dev.shipshape.core.KindOrdering;
import java.util.List;
import java.util.Set;

/**
 * An ordering rule between kinds: every object of a {@code before} kind is applied before every object of an
 * {@code after} kind, in the same namespace or cluster-wide. Kinds are written {@code Kind.group}.
 */
final class KindRule {
  private static final Set<String> POD_KINDS = Set.of("Pod", "ReplicationController", "Deployment.apps",
      "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "Job.batch", "CronJob.batch");

  static final List<KindRule> ALL = List.of(
      // Pods must start isolated and inside their quota: LimitRange defaults apply only when a pod is admitted.
      new KindRule("NetworkPolicy, ResourceQuota and LimitRange before pods of their namespace", true,
          Set.of("NetworkPolicy.networking.k8s.io", "ResourceQuota", "LimitRange"), POD_KINDS),
      // A pod naming a missing ServiceAccount is rejected; a missing Secret, ConfigMap or claim blocks its start.
      new KindRule("ServiceAccounts, Secrets, ConfigMaps and claims before pods of their namespace", true,
          Set.of("ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim"), POD_KINDS),
      new KindRule("Roles before RoleBindings of their namespace", true,
          Set.of("Role.rbac.authorization.k8s.io"), Set.of("RoleBinding.rbac.authorization.k8s.io")),
      new KindRule("ClusterRoles before bindings", false, Set.of("ClusterRole.rbac.authorization.k8s.io"),
          Set.of("ClusterRoleBinding.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io")),
      new KindRule("StorageClasses and PersistentVolumes before claims", false,
          Set.of("StorageClass.storage.k8s.io", "PersistentVolume"),
          Set.of("PersistentVolumeClaim", "StatefulSet.apps")),
      new KindRule("PriorityClasses before pods", false, Set.of("PriorityClass.scheduling.k8s.io"), POD_KINDS),
      new KindRule("IngressClasses before Ingresses", false, Set.of("IngressClass.networking.k8s.io"),
          Set.of("Ingress.networking.k8s.io")),
      // A webhook registered before its backend runs makes the API server reject or stall later requests.
      new KindRule("workloads and Services before webhooks and APIServices", false,
          union(POD_KINDS, Set.of("Service")),
          Set.of("MutatingWebhookConfiguration.admissionregistration.k8s.io",
              "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
              "APIService.apiregistration.k8s.io")));

  final String description;
  final boolean sameNamespace;
  final Set<String> before;
  final Set<String> after;

  /** The rule a component contributed for its custom kinds. */
  static KindRule of(KindOrdering ordering) {
    return new KindRule(ordering.description(), ordering.sameNamespace(), ordering.before(), ordering.after());
  }

  private KindRule(String description, boolean sameNamespace, Set<String> before, Set<String> after) {
    this.description = description;
    this.sameNamespace = sameNamespace;
    this.before = before;
    this.after = after;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
