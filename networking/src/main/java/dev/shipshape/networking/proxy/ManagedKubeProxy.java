package dev.shipshape.networking.proxy;

import dev.shipshape.core.Problem;
import dev.shipshape.core.cluster.ClusterProfile;
import java.util.Optional;

/**
 * kube-proxy on a managed cluster: the provider owns its configuration and overwrites a {@code kube-system/kube-proxy}
 * ConfigMap written by anyone else, so {@link KubeProxyConfig} writes none there and says what to set on the
 * provider's side instead. A mode the provider does not offer is an error.
 */
final class ManagedKubeProxy {
  private ManagedKubeProxy() {}

  /** True when the profile's provider owns kube-proxy's configuration. */
  static boolean ownedByProvider(Optional<ClusterProfile> profile) {
    return profile.map(ClusterProfile::managed).orElse(false);
  }

  /** What to set on the provider's side for {@code config}; empty when the spec owns kube-proxy. */
  static Optional<Problem> advice(KubeProxyConfig config, Optional<ClusterProfile> profile) {
    if (!ownedByProvider(profile)) return Optional.empty();
    ClusterProfile p = profile.get();
    String mode = config.mode().configValue();
    String intro = p.displayName() + " owns kube-proxy's configuration and overwrites the kube-system/kube-proxy "
        + "ConfigMap, so the plan leaves it out; mode " + mode + " must be set on the provider's side";
    switch (p) {
      case EKS:
        // The kube-proxy add-on's configuration values: https://docs.aws.amazon.com/eks/latest/best-practices/ipvs.html
        return Optional.of(warning(config, intro, "aws eks update-addon --cluster-name <cluster> --addon-name "
            + "kube-proxy --configuration-values '{\"mode\":\"" + mode + "\""
            + config.ipvsScheduler().map(s -> ",\"ipvs\":{\"scheduler\":\"" + s + "\"}").orElse("")
            + "}' --resolve-conflicts OVERWRITE, then replace the nodes so kube-proxy restarts"));
      case GKE:
        // GKE configures kube-proxy itself (iptables) and offers no setting for its mode; Dataplane V2 replaces it.
        if (config.mode() != ProxyMode.IPTABLES) {
          return Optional.of(Problem.error(KubeProxyConfig.CONFIG_MAP, "data[config.conf].mode", p.displayName()
              + " runs kube-proxy in iptables mode and offers no setting for its mode; mode " + mode
              + " cannot be had there", "use GKE Dataplane V2 (eBPF, replaces kube-proxy): gcloud container clusters "
              + "create <cluster> --enable-dataplane-v2, or remove the mode from the spec").inComponent(config.name()));
        }
        return Optional.of(warning(config, intro.replace(" must be set on the provider's side",
            " is GKE's own"), "nothing to set: remove KubeProxyConfig from specs for GKE"));
      case AKS:
        // https://learn.microsoft.com/azure/aks/configure-kube-proxy: networkProfile.kubeProxyConfig (preview).
        return Optional.of(warning(config, intro, "az aks update --resource-group <group> --name <cluster> "
            + "--kube-proxy-config kube-proxy.json (with the aks-preview extension and the "
            + "KubeProxyConfigurationPreview feature), kube-proxy.json holding {\"enabled\": true, \"mode\": \""
            + mode.toUpperCase(java.util.Locale.ROOT) + "\"}"));
      case OVHCLOUD:
        // OVHcloud offers iptables and ipvs; the mode is chosen when the cluster is created (kubeProxyMode).
        if (config.mode() == ProxyMode.NFTABLES) {
          return Optional.of(Problem.error(KubeProxyConfig.CONFIG_MAP, "data[config.conf].mode", p.displayName()
              + " offers kube-proxy modes iptables and ipvs only", "use mode iptables or ipvs, chosen with "
              + "kubeProxyMode when the cluster is created").inComponent(config.name()));
        }
        return Optional.of(warning(config, intro, "choose kubeProxyMode \"" + mode + "\" when creating the cluster "
            + "(POST /cloud/project/{serviceName}/kube), and tune it with PUT "
            + "/cloud/project/{serviceName}/kube/{kubeId}/customization {\"kubeProxy\": {\"" + mode + "\": {...}}}"));
      default:
        return Optional.empty();
    }
  }

  private static Problem warning(KubeProxyConfig config, String message, String fix) {
    return Problem.warning(KubeProxyConfig.CONFIG_MAP, "data[config.conf].mode", message, fix)
        .inComponent(config.name());
  }
}
