package dev.shipshape.networking.proxy;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.networking.policy.internal.Cidr;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * kube-proxy's mode and tuning, as the {@code kube-system/kube-proxy} ConfigMap that kubeadm creates: key
 * {@code config.conf} holds a {@code kubeproxy.config.k8s.io/v1alpha1} KubeProxyConfiguration with every field
 * written out, unset ones at their zero value (which kube-proxy reads as "use the default").
 *
 * <pre>{@code
 * KubeProxyConfig.builder().mode(ProxyMode.NFTABLES).syncPeriod(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * <p>On a managed cluster ({@code ClusterSpec#clusterProfile()} EKS, GKE, AKS or OVHcloud) the provider owns this
 * configuration: the component writes no ConfigMap there and warns with what to set on the provider's side.
 *
 * <p>kube-proxy reads the file only when it starts: restart its DaemonSet after applying. Settings of the IPVS
 * section ({@link #ipvsScheduler()}, {@link #strictArp()}) are errors with another mode.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class KubeProxyConfig implements Component {
  /** The IPVS schedulers kube-proxy accepts ({@code rr} when unset). */
  public static final Set<String> IPVS_SCHEDULERS =
      Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq");
  static final ResourceRef CONFIG_MAP = ResourceRef.core("ConfigMap", "kube-system", "kube-proxy");
  /** kube-proxy's syncPeriod when the field is zero, in every mode. */
  private static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(30);
  /** kube-proxy's minSyncPeriod when the field is zero, in iptables and nftables modes. */
  private static final Duration DEFAULT_MIN_SYNC_PERIOD = Duration.ofSeconds(1);

  /** The component name. By default, {@code kube-proxy}. */
  @Override
  @Value.Default
  public String name() {
    return "kube-proxy";
  }

  /** By default, iptables. */
  @Value.Default
  public ProxyMode mode() {
    return ProxyMode.IPTABLES;
  }

  /** The IPVS scheduler, one of {@link #IPVS_SCHEDULERS}; IPVS mode only. By default, kube-proxy's {@code rr}. */
  public abstract Optional<String> ipvsScheduler();

  /** Whether IPVS mode sets {@code arp_ignore}/{@code arp_announce}, as MetalLB needs; IPVS mode only. */
  public abstract Optional<Boolean> strictArp();

  /** The longest time between full rule syncs, for the mode's section. */
  public abstract Optional<Duration> syncPeriod();

  /** The shortest time between syncs, which batches changes of busy clusters. */
  public abstract Optional<Duration> minSyncPeriod();

  /** Conntrack table entries per CPU core. */
  public abstract Optional<Integer> conntrackMaxPerCore();

  /** The minimum conntrack table size, whatever the core count. */
  public abstract Optional<Integer> conntrackMin();

  /** How long an idle established TCP connection stays in conntrack. */
  public abstract Optional<Duration> conntrackTcpEstablishedTimeout();

  /** How long a TCP connection in CLOSE_WAIT stays in conntrack. */
  public abstract Optional<Duration> conntrackTcpCloseWaitTimeout();

  /** The pod CIDR of the cluster, which kube-proxy uses to tell local traffic from outside traffic. */
  public abstract Optional<String> clusterCidr();

  public static Builder builder() {
    return ImmutableKubeProxyConfig.builder();
  }

  /** The ConfigMap that holds the configuration. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    // Tests and tools compile without a spec (null context): nothing is known of the cluster then.
    if (context != null && ManagedKubeProxy.ownedByProvider(context.clusterProfile())) return List.of();
    return List.of(new ConfigMapBuilder()
        .withNewMetadata().withName(CONFIG_MAP.name()).withNamespace("kube-system")
        .addToLabels("app", "kube-proxy").endMetadata()
        .addToData("config.conf", KubeProxyLayout.configConf(this))
        .build());
  }

  /** Warnings about the mode on the target Kubernetes version, and about a syncPeriod of zero. */
  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ManagedKubeProxy.advice(this, context.clusterProfile()).ifPresent(problems::add);
    // kube-proxy's defaulting reads 0s as unset.
    syncPeriod().filter(Duration::isZero).ifPresent(d -> problems.add(warning(mode().configValue()
        + ".syncPeriod", "a syncPeriod of 0s is read as unset, so kube-proxy syncs every 30s, its default",
        "leave syncPeriod out, or give the period you mean")));
    if (mode() == ProxyMode.NFTABLES && context.kubernetesVersion().isBefore(1, 33)) {
      problems.add(warning("mode", "nftables mode is GA only from Kubernetes 1.33 (beta in 1.31 and 1.32, alpha"
          + " behind the NFTablesProxyMode feature gate in 1.29 and 1.30); the target is "
          + context.kubernetesVersion(), "target Kubernetes 1.33 or later, or use mode iptables"));
    }
    if (mode() == ProxyMode.IPVS && context.kubernetesVersion().isAtLeast(
        dev.shipshape.core.KubernetesVersion.of(1, 35))) {
      problems.add(warning("mode", "ipvs mode is deprecated from Kubernetes 1.35 (target "
          + context.kubernetesVersion() + "): it lags behind the other modes in features and maintenance, and"
          + " nftables gives the same O(1) packet lookups", "use mode nftables"));
    }
    return problems;
  }

  private Problem warning(String field, String message, String fix) {
    return Problem.warning(CONFIG_MAP, "data[config.conf]." + field, message, fix).inComponent(name());
  }

  private Problem error(String field, String message, String fix) {
    return Problem.error(CONFIG_MAP, "data[config.conf]." + field, message, fix).inComponent(name());
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    if (mode() != ProxyMode.IPVS) {
      ipvsScheduler().ifPresent(s -> problems.add(error("ipvs.scheduler", "scheduler '" + s + "' is an IPVS"
          + " setting, but the mode is " + mode().configValue(), "remove ipvsScheduler, or set mode IPVS")));
      strictArp().ifPresent(s -> problems.add(error("ipvs.strictARP", "strictARP is an IPVS setting, but the mode"
          + " is " + mode().configValue(), "remove strictArp, or set mode IPVS")));
    }
    ipvsScheduler().filter(s -> !IPVS_SCHEDULERS.contains(s)).ifPresent(s -> problems.add(error("ipvs.scheduler",
        "unknown IPVS scheduler '" + s + "'", "use one of rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq")));
    syncPeriod().filter(Duration::isNegative).ifPresent(d -> problems.add(error(mode().configValue()
        + ".syncPeriod", "syncPeriod must not be negative", "use a period such as 30s")));
    minSyncPeriod().filter(Duration::isNegative).ifPresent(d -> problems.add(error(mode().configValue()
        + ".minSyncPeriod", "minSyncPeriod must not be negative", "use a period such as 1s")));
    checkSyncPeriods(problems);
    conntrackMaxPerCore().filter(n -> n < 0).ifPresent(n -> problems.add(error("conntrack.maxPerCore",
        "maxPerCore " + n + " is negative", "use 0 to leave the kernel's limit alone, or a positive count")));
    conntrackMin().filter(n -> n < 0).ifPresent(n -> problems.add(error("conntrack.min", "min " + n
        + " is negative", "use a positive count, such as 131072")));
    // kube-proxy rejects negative conntrack timeouts; zero leaves the kernel's value alone.
    conntrackTcpEstablishedTimeout().filter(Duration::isNegative).ifPresent(d -> problems.add(error(
        "conntrack.tcpEstablishedTimeout", "tcpEstablishedTimeout " + GoDuration.format(d) + " is negative",
        "use a positive duration, such as 24h0m0s, or leave it unset for kube-proxy's default")));
    conntrackTcpCloseWaitTimeout().filter(Duration::isNegative).ifPresent(d -> problems.add(error(
        "conntrack.tcpCloseWaitTimeout", "tcpCloseWaitTimeout " + GoDuration.format(d) + " is negative",
        "use a positive duration, such as 1h0m0s, or leave it unset for kube-proxy's default")));
    clusterCidr().filter(c -> !c.isEmpty()).ifPresent(cidrs -> checkClusterCidr(cidrs, problems));
    if (!problems.isEmpty()) throw new SpecValidationException("KubeProxyConfig " + name(), problems);
  }

  /**
   * kube-proxy fills an unset (zero) period with its default, then refuses to start unless minSyncPeriod is at
   * most syncPeriod (kubernetes {@code pkg/proxy/apis/config/validation}). The v1alpha1 defaults: syncPeriod 30s in
   * every mode, minSyncPeriod 1s for iptables and nftables and none for ipvs. So a period set alone must still
   * fit the other one's default.
   */
  private void checkSyncPeriods(List<Problem> problems) {
    String section = mode().configValue();
    Optional<Duration> sync = syncPeriod().filter(d -> !d.isZero());
    Optional<Duration> minSync = minSyncPeriod().filter(d -> !d.isZero());
    Duration defaultMinSync = mode() == ProxyMode.IPVS ? Duration.ZERO : DEFAULT_MIN_SYNC_PERIOD;
    if (sync.isPresent() && minSync.isPresent()) {
      if (minSync.get().compareTo(sync.get()) > 0) {
        problems.add(error(section + ".minSyncPeriod", "minSyncPeriod " + GoDuration.format(minSync.get())
            + " is longer than syncPeriod " + GoDuration.format(sync.get()), "make minSyncPeriod at most syncPeriod"));
      }
    } else if (minSync.isPresent() && minSync.get().compareTo(DEFAULT_SYNC_PERIOD) > 0) {
      problems.add(error(section + ".minSyncPeriod", "minSyncPeriod " + GoDuration.format(minSync.get())
          + " is longer than kube-proxy's default syncPeriod " + GoDuration.format(DEFAULT_SYNC_PERIOD)
          + ", which applies since syncPeriod is not set, so kube-proxy would refuse to start", "set syncPeriod to "
          + GoDuration.format(minSync.get()) + " or longer, or make minSyncPeriod at most "
          + GoDuration.format(DEFAULT_SYNC_PERIOD)));
    } else if (sync.isPresent() && !sync.get().isNegative() && sync.get().compareTo(defaultMinSync) < 0) {
      problems.add(error(section + ".syncPeriod", "syncPeriod " + GoDuration.format(sync.get()) + " is shorter"
          + " than kube-proxy's default minSyncPeriod " + GoDuration.format(defaultMinSync) + " for mode "
          + section + ", which applies since minSyncPeriod is not set (or zero), so kube-proxy would refuse to"
          + " start", "set minSyncPeriod to at most " + GoDuration.format(sync.get()) + ", or make syncPeriod at"
          + " least " + GoDuration.format(defaultMinSync)));
    }
  }

  /**
   * kube-proxy splits {@code clusterCIDR} at commas and accepts one CIDR, or two of different IP families (a
   * dual-stack pair); anything else makes it refuse to start.
   */
  private void checkClusterCidr(String cidrs, List<Problem> problems) {
    String fix = "write the pod network as address/prefix, such as 10.244.0.0/16, or two of them for dual-stack,"
        + " such as 10.244.0.0/16,fd00:10:244::/56";
    String[] parts = cidrs.split(",", -1);
    List<Cidr> parsed = new ArrayList<>();
    for (String cidr : parts) {
      // kube-proxy splits at commas and parses each part as it is: a space around one makes it invalid.
      Optional<Cidr> c = Cidr.parse(cidr);
      if (c.isEmpty()) problems.add(error("clusterCIDR", "'" + cidr + "' is not a CIDR", fix));
      c.ifPresent(parsed::add);
    }
    if (parts.length > 2) {
      problems.add(error("clusterCIDR", "'" + cidrs + "' lists " + parts.length + " CIDRs, but kube-proxy takes"
          + " one, or a dual-stack pair", fix));
    } else if (parsed.size() == 2 && parsed.get(0).ipv6() == parsed.get(1).ipv6()) {
      problems.add(error("clusterCIDR", "'" + cidrs + "' lists two " + (parsed.get(0).ipv6() ? "IPv6" : "IPv4")
          + " CIDRs, but two must be a dual-stack pair, one IPv4 and one IPv6", fix));
    }
  }

  /** Builds {@link KubeProxyConfig}s. */
  public interface Builder {
    /** Starts from every attribute of {@code config}. */
    Builder from(KubeProxyConfig config);

    Builder name(String name);

    Builder mode(ProxyMode mode);

    Builder ipvsScheduler(String ipvsScheduler);

    Builder strictArp(boolean strictArp);

    Builder syncPeriod(Duration syncPeriod);

    Builder minSyncPeriod(Duration minSyncPeriod);

    Builder conntrackMaxPerCore(int conntrackMaxPerCore);

    Builder conntrackMin(int conntrackMin);

    Builder conntrackTcpEstablishedTimeout(Duration timeout);

    Builder conntrackTcpCloseWaitTimeout(Duration timeout);

    Builder clusterCidr(String clusterCidr);

    KubeProxyConfig build();
  }
}
