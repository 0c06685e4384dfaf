package dev.shipshape.core.cluster;

/**
 * What a managed cluster's provider decides and a spec cannot set through the Kubernetes API: each {@link
 * ClusterProfile} has one {@link ProviderAdvice} per topic ({@link ClusterProfile#advice(ProviderTopic)}).
 */
public enum ProviderTopic {
  /** Encryption of Secrets (and other API data) at rest in etcd. */
  ETCD_ENCRYPTION("etcd encryption at rest"),
  /** The API server's audit log: who did what, when. */
  AUDIT_LOGS("control-plane audit logs"),
  /** Upgrades of the control plane's (and nodes') Kubernetes version. */
  VERSION_UPGRADES("Kubernetes version upgrades"),
  /** kube-proxy's mode (iptables, IPVS, nftables) or what replaces kube-proxy. */
  KUBE_PROXY_MODE("kube-proxy mode");

  private final String title;

  ProviderTopic(String title) {
    this.title = title;
  }

  /** For people, such as {@code etcd encryption at rest}. */
  public String title() {
    return title;
  }
}
