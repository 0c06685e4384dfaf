package dev.shipshape.core.internal.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows about built-in kinds: the order Helm installs them in (used to order objects within a
 * wave, unknown kinds last) and which of them are cluster-scoped.
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

  /** Built-in cluster-scoped kinds, by {@code Kind.group} (plain {@code Kind} for the core group). */
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "Namespace", "Node", "PersistentVolume", "ComponentStatus",
      "StorageClass.storage.k8s.io", "CSIDriver.storage.k8s.io", "CSINode.storage.k8s.io",
      "VolumeAttachment.storage.k8s.io", "VolumeAttributesClass.storage.k8s.io",
      "ClusterRole.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io",
      "CustomResourceDefinition.apiextensions.k8s.io", "PriorityClass.scheduling.k8s.io",
      "IngressClass.networking.k8s.io", "APIService.apiregistration.k8s.io",
      "MutatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io",
      "MutatingAdmissionPolicy.admissionregistration.k8s.io",
      "MutatingAdmissionPolicyBinding.admissionregistration.k8s.io",
      "RuntimeClass.node.k8s.io", "CertificateSigningRequest.certificates.k8s.io",
      "FlowSchema.flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io",
      "VolumeSnapshotClass.snapshot.storage.k8s.io", "VolumeSnapshotContent.snapshot.storage.k8s.io",
      "IPAddress.networking.k8s.io", "ServiceCIDR.networking.k8s.io", "DeviceClass.resource.k8s.io");

  /** Built-in namespaced kinds whose group the planner knows, by {@code Kind.group}. */
  private static final Set<String> NAMESPACED = Set.of(
      "Pod", "Service", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "ResourceQuota",
      "LimitRange", "ReplicationController", "Endpoints", "Event", "PodTemplate",
      "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "ControllerRevision.apps",
      "Job.batch", "CronJob.batch", "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
      "NetworkPolicy.networking.k8s.io", "Ingress.networking.k8s.io", "PodDisruptionBudget.policy",
      "HorizontalPodAutoscaler.autoscaling", "Lease.coordination.k8s.io", "EndpointSlice.discovery.k8s.io",
      "VolumeSnapshot.snapshot.storage.k8s.io");

  private KindOrder() {}

  /** The position of a kind in the install order; unknown kinds (custom resources) come after all known ones. */
  public static int rank(String kind) {
    return RANK.getOrDefault(kind, INSTALL_ORDER.size());
  }

  /** True when the planner knows this built-in kind to be cluster-scoped. */
  public static boolean isClusterScoped(String groupKind) {
    return CLUSTER_SCOPED.contains(groupKind);
  }

  /** True when the planner knows this built-in kind to be namespaced. */
  public static boolean isNamespaced(String groupKind) {
    return NAMESPACED.contains(groupKind);
  }
}
