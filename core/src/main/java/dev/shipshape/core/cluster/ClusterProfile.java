package dev.shipshape.core.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a cluster runs, as far as it decides who owns which part of it. Declared on a spec with {@code
 * ClusterSpec.builder().clusterProfile(ClusterProfile.EKS)}; components read it from their compile and validation
 * contexts and leave out what the provider manages (the networking module's kube-proxy ConfigMap, say), with a plan
 * warning that says what to set on the provider's side. {@link ClusterProfileDetector} finds the profile of a live
 * cluster. {@link #advice()} says, per {@link ProviderTopic}, what to set on the provider's side (etcd encryption,
 * audit logs, upgrades, kube-proxy), and {@link ProviderOwnedObjects} which objects a spec must not write there.
 */
public enum ClusterProfile {
  /**
   * Self-managed with kubeadm: the cluster's owner runs control plane, etcd and kube-proxy, configured through
   * objects such as {@code kube-system/kube-proxy}
   * (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/).
   */
  KUBEADM("kubeadm (self-managed)", false),
  /**
   * Amazon EKS: AWS runs control plane and etcd; kube-proxy is an EKS add-on configured through the EKS API
   * (https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html).
   */
  EKS("Amazon EKS", true),
  /**
   * Google GKE: Google runs control plane and etcd, and kube-proxy (or Dataplane V2, which replaces it)
   * (https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2).
   */
  GKE("Google GKE", true),
  /**
   * Azure AKS: Microsoft runs control plane and etcd; kube-proxy is configured through the AKS API
   * (https://learn.microsoft.com/azure/aks/configure-kube-proxy).
   */
  AKS("Azure AKS", true),
  /**
   * OVHcloud Managed Kubernetes: OVHcloud runs control plane and etcd; kube-proxy's mode is chosen when the cluster
   * is created and tuned through the cluster's customization in the OVHcloud API
   * (https://github.com/ovh/docs/blob/1ca878978516388ae01e0524a0b485d425211fd4/pages/public_cloud/containers_orchestration/managed_kubernetes/customizing-kubeproxy/guide.en-us.md).
   */
  OVHCLOUD("OVHcloud Managed Kubernetes", true);

  private final String displayName;
  private final boolean managed;

  ClusterProfile(String displayName, boolean managed) {
    this.displayName = displayName;
    this.managed = managed;
  }

  /** The provider's name for people, such as {@code Amazon EKS}. */
  public String displayName() {
    return displayName;
  }

  /**
   * True when the provider owns the control plane (API server, controller manager, scheduler), etcd and the
   * configuration of kube-proxy: objects and files for them that the spec would write are the provider's, and it
   * overwrites them.
   */
  public boolean managed() {
    return managed;
  }

  /** What to set on this provider's side, one {@link ProviderAdvice} per {@link ProviderTopic}, in topic order. */
  public List<ProviderAdvice> advice() {
    return AdviceTable.ADVICE.stream().filter(a -> a.profile() == this).collect(Collectors.toList());
  }

  /** What to set on this provider's side for {@code topic}. */
  public ProviderAdvice advice(ProviderTopic topic) {
    return AdviceTable.ADVICE.stream().filter(a -> a.profile() == this && a.topic() == topic).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + topic + " advice for " + this));
  }
}
