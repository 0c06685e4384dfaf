package dev.shipshape.networking.proxy;

import java.util.Locale;

/** The Linux modes of kube-proxy. */
public enum ProxyMode {
  /** The default: one iptables rule chain per Service and endpoint. */
  IPTABLES,
  /** Kernel IPVS virtual servers; deprecated since Kubernetes 1.35. */
  IPVS,
  /** nftables with verdict maps; GA since Kubernetes 1.33. */
  NFTABLES;

  /** The value of the {@code mode} field: {@code iptables}, {@code ipvs} or {@code nftables}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
