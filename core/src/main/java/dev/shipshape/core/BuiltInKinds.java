package dev.shipshape.core;

import java.util.Set;

/**
 * The scope of the kinds Kubernetes serves itself (as {@code kubectl api-resources} lists them for 1.34, alpha and
 * beta APIs included) and of the CSI snapshot kinds, by {@code Kind.group} (plain {@code Kind} for the core group):
 * scope belongs to a group and kind, whatever the version. A kind in neither table is custom: its CRD says.
 */
public final class BuiltInKinds {
  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "Namespace", "Node", "PersistentVolume", "ComponentStatus",
      "StorageClass.storage.k8s.io", "CSIDriver.storage.k8s.io", "CSINode.storage.k8s.io",
      "VolumeAttachment.storage.k8s.io", "VolumeAttributesClass.storage.k8s.io",
      "StorageVersionMigration.storagemigration.k8s.io", "StorageVersion.internal.apiserver.k8s.io",
      "ClusterRole.rbac.authorization.k8s.io", "ClusterRoleBinding.rbac.authorization.k8s.io",
      "CustomResourceDefinition.apiextensions.k8s.io", "PriorityClass.scheduling.k8s.io",
      "IngressClass.networking.k8s.io", "APIService.apiregistration.k8s.io",
      "MutatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
      "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io",
      "MutatingAdmissionPolicy.admissionregistration.k8s.io",
      "MutatingAdmissionPolicyBinding.admissionregistration.k8s.io",
      "SelfSubjectReview.authentication.k8s.io", "TokenReview.authentication.k8s.io",
      "SelfSubjectAccessReview.authorization.k8s.io", "SelfSubjectRulesReview.authorization.k8s.io",
      "SubjectAccessReview.authorization.k8s.io",
      "RuntimeClass.node.k8s.io", "CertificateSigningRequest.certificates.k8s.io",
      "ClusterTrustBundle.certificates.k8s.io",
      "FlowSchema.flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io",
      "VolumeSnapshotClass.snapshot.storage.k8s.io", "VolumeSnapshotContent.snapshot.storage.k8s.io",
      "IPAddress.networking.k8s.io", "ServiceCIDR.networking.k8s.io", "DeviceClass.resource.k8s.io",
      "ResourceSlice.resource.k8s.io", "DeviceTaintRule.resource.k8s.io");

  private static final Set<String> NAMESPACED = Set.of(
      "Pod", "Service", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "ResourceQuota",
      "LimitRange", "ReplicationController", "Endpoints", "Event", "PodTemplate",
      "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "ControllerRevision.apps",
      "Job.batch", "CronJob.batch", "Role.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
      "NetworkPolicy.networking.k8s.io", "Ingress.networking.k8s.io", "PodDisruptionBudget.policy",
      "HorizontalPodAutoscaler.autoscaling", "Lease.coordination.k8s.io", "EndpointSlice.discovery.k8s.io",
      "VolumeSnapshot.snapshot.storage.k8s.io", "Binding", "CSIStorageCapacity.storage.k8s.io",
      "Event.events.k8s.io", "LeaseCandidate.coordination.k8s.io", "LocalSubjectAccessReview.authorization.k8s.io",
      "PodCertificateRequest.certificates.k8s.io", "ResourceClaim.resource.k8s.io",
      "ResourceClaimTemplate.resource.k8s.io");

  private BuiltInKinds() {}

  /** True for a built-in kind that is cluster-scoped, such as {@code ClusterRole.rbac.authorization.k8s.io}. */
  public static boolean isClusterScoped(String groupKind) {
    return CLUSTER_SCOPED.contains(groupKind);
  }

  /** True for a built-in kind known to be namespaced, such as {@code Deployment.apps}. */
  public static boolean isNamespaced(String groupKind) {
    return NAMESPACED.contains(groupKind);
  }
}
