package dev.shipshape.core.internal.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the planner knows about built-in kinds: the order Helm installs them in (used to order objects within a
 * wave, unknown kinds last).
 */
public final class KindOrder {
  /** Helm's install order (pkg/release/util/kind_sorter.go), with PriorityClass first. */
  private static final List<String> INSTALL_ORDER = List.of(
      "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
      "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Role",
      "RoleBinding", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
      "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
      "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
  private static final Map<String, Integer> RANK = new HashMap<>();

  static {
    for (int i = 0; i < INSTALL_ORDER.size(); i++) RANK.put(INSTALL_ORDER.get(i), i);
  }

  private KindOrder() {}

  /** The position of a kind in the install order; unknown kinds (custom resources) come after all known ones. */
  public static int rank(String kind) {
    return RANK.getOrDefault(kind, INSTALL_ORDER.size());
  }
}
