package dev.shipshape.networking.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.testing.SharedData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KubeProxyConfigTest {

  private static JsonNode configConf(KubeProxyConfig config) throws IOException {
    ConfigMap cm = (ConfigMap) config.compile(null).get(0);
    assertThat(cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName()).isEqualTo("kube-system/kube-proxy");
    return new YAMLMapper().readTree(cm.getData().get("config.conf"));
  }

  @Test
  void writesTheModeAndItsSectionAsKubeadmLaysItOut() throws IOException {
    JsonNode conf = configConf(KubeProxyConfig.builder().mode(ProxyMode.IPVS).ipvsScheduler("wrr").strictArp(true)
        .syncPeriod(Duration.ofSeconds(30)).minSyncPeriod(Duration.ofMillis(1500)).conntrackMaxPerCore(32768)
        .conntrackTcpEstablishedTimeout(Duration.ofHours(24)).build());
    assertThat(conf.get("apiVersion").asText()).isEqualTo("kubeproxy.config.k8s.io/v1alpha1");
    assertThat(conf.get("kind").asText()).isEqualTo("KubeProxyConfiguration");
    assertThat(conf.get("mode").asText()).isEqualTo("ipvs");
    assertThat(conf.at("/ipvs/scheduler").asText()).isEqualTo("wrr");
    assertThat(conf.at("/ipvs/strictARP").asBoolean()).isTrue();
    assertThat(conf.at("/ipvs/syncPeriod").asText()).isEqualTo("30s");
    assertThat(conf.at("/ipvs/minSyncPeriod").asText()).isEqualTo("1.5s");
    assertThat(conf.at("/iptables/syncPeriod").asText()).isEqualTo("0s");
    assertThat(conf.at("/conntrack/maxPerCore").asInt()).isEqualTo(32768);
    assertThat(conf.at("/conntrack/min").isNull()).isTrue();
    assertThat(conf.at("/conntrack/tcpEstablishedTimeout").asText()).isEqualTo("24h0m0s");
    List<String> keys = new java.util.ArrayList<>();
    conf.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("kubeadm writes keys in alphabetical order").isSorted();
  }

  /** Every field name written exists in the KubeProxyConfiguration v1alpha1 Go types, and every field is written. */
  @Test
  void fieldNamesMatchTheKubeProxyConfigurationTypes() throws IOException {
    JsonNode reference = new ObjectMapper().readTree(
        SharedData.require("k8s-reference/kube-proxy/kubeproxyconfiguration-v1alpha1.json").toFile());
    Map<String, Map<String, JsonNode>> types = new HashMap<>();
    reference.get("types").fields().forEachRemaining(t -> {
      Map<String, JsonNode> fields = new HashMap<>();
      t.getValue().forEach(f -> {
        if (!f.get("json").isNull()) fields.put(f.get("json").asText(), f);
      });
      types.put(t.getKey(), fields);
    });
    JsonNode conf = configConf(KubeProxyConfig.builder().mode(ProxyMode.NFTABLES).build());
    Map<String, JsonNode> top = types.get("KubeProxyConfiguration");
    Set<String> written = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = conf.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      written.add(field.getKey());
      if (field.getKey().equals("apiVersion") || field.getKey().equals("kind")) continue;
      assertThat(top).as("top-level field " + field.getKey()).containsKey(field.getKey());
      String goType = top.get(field.getKey()).get("goType").asText();
      if (types.containsKey(goType)) {
        field.getValue().fieldNames().forEachRemaining(nested -> assertThat(types.get(goType))
            .as(field.getKey() + "." + nested).containsKey(nested));
        assertThat(iterable(field.getValue())).as(field.getKey() + " writes every field")
            .containsExactlyInAnyOrderElementsOf(types.get(goType).keySet());
      }
    }
    Set<String> required = top.entrySet().stream().filter(e -> !e.getValue().path("omitempty").asBoolean())
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    required.remove("logging");
    assertThat(written).containsAll(required);
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> errors(KubeProxyConfig.Builder builder) {
    SpecValidationException e = catchThrowableOfType(SpecValidationException.class, builder::build);
    assertThat(e).as("build must fail").isNotNull();
    return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void ipvsOnlySettingsWithAnotherModeAreErrors() {
    assertThat(errors(KubeProxyConfig.builder().mode(ProxyMode.NFTABLES).ipvsScheduler("rr").strictArp(true)))
        .containsExactly(
            "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].ipvs.scheduler: scheduler 'rr' is"
                + " an IPVS setting, but the mode is nftables — remove ipvsScheduler, or set mode IPVS",
            "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].ipvs.strictARP: strictARP is an"
                + " IPVS setting, but the mode is nftables — remove strictArp, or set mode IPVS");
  }

  @Test
  void unknownSchedulerIsAnError() {
    assertThat(errors(KubeProxyConfig.builder().mode(ProxyMode.IPVS).ipvsScheduler("fastest"))).containsExactly(
        "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].ipvs.scheduler: unknown IPVS"
            + " scheduler 'fastest' — use one of rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq");
  }

  @Test
  void minSyncPeriodAboveSyncPeriodIsAnError() {
    assertThat(errors(KubeProxyConfig.builder().syncPeriod(Duration.ofSeconds(10))
        .minSyncPeriod(Duration.ofMinutes(1)))).containsExactly("ERROR [kube-proxy] ConfigMap kube-system/kube-proxy"
        + " data[config.conf].iptables.minSyncPeriod: minSyncPeriod 1m0s is longer than syncPeriod 10s — make"
        + " minSyncPeriod at most syncPeriod");
  }

  /** kube-proxy defaults an unset period before it compares them: 30s syncPeriod, 1s minSyncPeriod (not ipvs). */
  @Test
  void aPeriodSetAloneMustFitTheOthersDefault() {
    assertThat(errors(KubeProxyConfig.builder().minSyncPeriod(Duration.ofMinutes(1)))).containsExactly("ERROR"
        + " [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].iptables.minSyncPeriod: minSyncPeriod"
        + " 1m0s is longer than kube-proxy's default syncPeriod 30s, which applies since syncPeriod is not set, so"
        + " kube-proxy would refuse to start — set syncPeriod to 1m0s or longer, or make minSyncPeriod at most 30s");
    assertThat(errors(KubeProxyConfig.builder().mode(ProxyMode.NFTABLES).syncPeriod(Duration.ofMillis(500))))
        .containsExactly("ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].nftables.syncPeriod:"
            + " syncPeriod 500ms is shorter than kube-proxy's default minSyncPeriod 1s for mode nftables, which"
            + " applies since minSyncPeriod is not set (or zero), so kube-proxy would refuse to start — set"
            + " minSyncPeriod to at most 500ms, or make syncPeriod at least 1s");
    assertThat(KubeProxyConfig.builder().minSyncPeriod(Duration.ofSeconds(30)).build().minSyncPeriod())
        .contains(Duration.ofSeconds(30));
    assertThat(KubeProxyConfig.builder().mode(ProxyMode.IPVS).syncPeriod(Duration.ofMillis(500)).build()
        .syncPeriod()).as("ipvs has no default minSyncPeriod").contains(Duration.ofMillis(500));
    assertThat(KubeProxyConfig.builder().syncPeriod(Duration.ofMillis(500)).minSyncPeriod(Duration.ofMillis(100))
        .build().syncPeriod()).contains(Duration.ofMillis(500));
  }

  @Test
  void negativeConntrackTimeoutsAreErrors() {
    assertThat(errors(KubeProxyConfig.builder().conntrackTcpEstablishedTimeout(Duration.ofSeconds(-1))
        .conntrackTcpCloseWaitTimeout(Duration.ofMinutes(-1)))).containsExactly(
            "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].conntrack.tcpEstablishedTimeout:"
                + " tcpEstablishedTimeout -1s is negative — use a positive duration, such as 24h0m0s, or leave it"
                + " unset for kube-proxy's default",
            "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].conntrack.tcpCloseWaitTimeout:"
                + " tcpCloseWaitTimeout -1m0s is negative — use a positive duration, such as 1h0m0s, or leave it"
                + " unset for kube-proxy's default");
  }

  @Test
  void twoClusterCidrsMustBeADualStackPair() {
    String fix = " — write the pod network as address/prefix, such as 10.244.0.0/16, or two of them for"
        + " dual-stack, such as 10.244.0.0/16,fd00:10:244::/56";
    assertThat(errors(KubeProxyConfig.builder().clusterCidr("10.244.0.0/16,10.245.0.0/16"))).containsExactly(
        "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].clusterCIDR: '10.244.0.0/16,"
            + "10.245.0.0/16' lists two IPv4 CIDRs, but two must be a dual-stack pair, one IPv4 and one IPv6" + fix);
    assertThat(errors(KubeProxyConfig.builder().clusterCidr("10.244.0.0/16,fd00::/56,10.245.0.0/16")))
        .containsExactly("ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].clusterCIDR:"
            + " '10.244.0.0/16,fd00::/56,10.245.0.0/16' lists 3 CIDRs, but kube-proxy takes one, or a dual-stack"
            + " pair" + fix);
  }

  @Test
  void anInvalidClusterCidrIsAnError() {
    assertThat(errors(KubeProxyConfig.builder().clusterCidr("10.244.0.0/16,10.300.0.0/16"))).containsExactly(
        "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].clusterCIDR: '10.300.0.0/16' is not"
            + " a CIDR — write the pod network as address/prefix, such as 10.244.0.0/16, or two of them for"
            + " dual-stack, such as 10.244.0.0/16,fd00:10:244::/56");
    assertThat(KubeProxyConfig.builder().clusterCidr("10.244.0.0/16,fd00:10:244::/56").build().clusterCidr())
        .contains("10.244.0.0/16,fd00:10:244::/56");
  }

  @Test
  void aZeroSyncPeriodIsReadAsUnsetAndSpacesInTheClusterCidrAreErrors() {
    Plan plan = ClusterSpec.builder().name("t").component(KubeProxyConfig.builder().syncPeriod(Duration.ZERO)
        .build()).build().plan();
    assertThat(plan.warnings()).map(Problem::toString).contains("WARNING [kube-proxy] ConfigMap"
        + " kube-system/kube-proxy data[config.conf].iptables.syncPeriod: a syncPeriod of 0s is read as unset, so"
        + " kube-proxy syncs every 30s, its default — leave syncPeriod out, or give the period you mean");
    assertThat(errors(KubeProxyConfig.builder().clusterCidr("10.244.0.0/16, fd00:10:244::/56"))).containsExactly(
        "ERROR [kube-proxy] ConfigMap kube-system/kube-proxy data[config.conf].clusterCIDR: ' fd00:10:244::/56' is"
            + " not a CIDR — write the pod network as address/prefix, such as 10.244.0.0/16, or two of them for"
            + " dual-stack, such as 10.244.0.0/16,fd00:10:244::/56");
  }

  @Test
  void negativeConntrackSettingsAreErrors() {
    assertThat(errors(KubeProxyConfig.builder().conntrackMaxPerCore(-1).conntrackMin(-5))).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("conntrack.maxPerCore: maxPerCore -1 is negative"))
        .anySatisfy(p -> assertThat(p).contains("conntrack.min: min -5 is negative"));
  }

  /** The component's own warnings (not the spec's, such as a target outside the supported window). */
  private static List<String> warnings(String version, ProxyMode mode) {
    Plan plan = ClusterSpec.builder().name("t").kubernetesVersion(version)
        .component(KubeProxyConfig.builder().mode(mode).build()).build().plan();
    return plan.warnings().stream().filter(p -> p.component().isPresent()).map(Problem::toString)
        .collect(Collectors.toList());
  }

  @Test
  void nftablesBeforeItWentGaIsAWarning() {
    assertThat(warnings("1.32", ProxyMode.NFTABLES)).containsExactly("WARNING [kube-proxy] ConfigMap"
        + " kube-system/kube-proxy data[config.conf].mode: nftables mode is GA only from Kubernetes 1.33 (beta in"
        + " 1.31 and 1.32, alpha behind the NFTablesProxyMode feature gate in 1.29 and 1.30); the target is 1.32 —"
        + " target Kubernetes 1.33 or later, or use mode iptables");
    assertThat(warnings("1.33", ProxyMode.NFTABLES)).isEmpty();
  }

  @Test
  void ipvsWhereItIsDeprecatedIsAWarningWithTheReason() {
    assertThat(warnings("1.35", ProxyMode.IPVS)).singleElement().asString().contains("ipvs mode is deprecated"
        + " from Kubernetes 1.35 (target 1.35): it lags behind the other modes in features and maintenance");
    assertThat(warnings("1.34", ProxyMode.IPVS)).isEmpty();
  }

  /** Go prints durations as hours, minutes and seconds; parsing them back must give the same length. */
  @Property
  void goDurationsRoundTrip(@ForAll @LongRange(min = 1, max = 500_000_000) long millis) {
    String text = GoDuration.format(Duration.ofMillis(millis));
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:([\\d.]+)s)?(?:([\\d.]+)ms)?").matcher(text);
    assertThat(m.matches()).as(text).isTrue();
    double total = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3_600_000d)
        + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60_000d)
        + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) * 1000)
        + (m.group(4) == null ? 0 : Double.parseDouble(m.group(4)));
    assertThat(Math.round(total)).as(text).isEqualTo(millis);
  }
}
