package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a production traffic policy needs, compiled as Istio's CRD expects and checked as Istio checks. */
class TrafficPolicySettingsTest {
  private static String spec(TrafficPolicy policy) {
    String yaml = Manifests.toYaml(policy.compile(null).get(0));
    return yaml.substring(yaml.indexOf("spec:"));
  }

  private static ClusterSpec shop(TrafficPolicy policy) {
    return ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all()).yaml(MeshFixtures.APP)
        .component(policy).build();
  }

  @Test
  void connectionPoolOutlierDetectionAndHashingCompileToIstiosFields() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web")
        .loadBalancer(LoadBalancer.consistentHashByCookie("session", "0s", "/shop").ringHash(4096))
        .connectionPool(ConnectionPool.defaults().maxConnections(100).connectTimeout("2s")
            .tcpKeepalive("300s", "30s", 3).maxConnectionDuration("1h").http1MaxPendingRequests(64)
            .http2MaxRequests(1000).maxRequestsPerConnection(100).maxRetries(3).idleTimeout("5m"))
        .outlierDetection(OutlierDetection.defaults().consecutive5xxErrors(5).consecutiveGatewayErrors(3)
            .consecutiveLocalOriginFailures(2).interval("10s").baseEjectionTime("30s").maxEjectionPercent(50)
            .minHealthPercent(30));

    assertThat(spec(policy)).isEqualTo(String.join("\n", "spec:",
        "  host: web.shop.svc.cluster.local",
        "  trafficPolicy:",
        "    connectionPool:",
        "      http:",
        "        http1MaxPendingRequests: 64",
        "        http2MaxRequests: 1000",
        "        idleTimeout: 5m",
        "        maxRequestsPerConnection: 100",
        "        maxRetries: 3",
        "      tcp:",
        "        connectTimeout: 2s",
        "        maxConnectionDuration: 1h",
        "        maxConnections: 100",
        "        tcpKeepalive:",
        "          interval: 30s",
        "          probes: 3",
        "          time: 300s",
        "    loadBalancer:",
        "      consistentHash:",
        "        httpCookie:",
        "          name: session",
        "          path: /shop",
        "          ttl: 0s",
        "        ringHash:",
        "          minimumRingSize: 4096",
        "    outlierDetection:",
        "      baseEjectionTime: 30s",
        "      consecutive5xxErrors: 5",
        "      consecutiveGatewayErrors: 3",
        "      consecutiveLocalOriginFailures: 2",
        "      interval: 10s",
        "      maxEjectionPercent: 50",
        "      minHealthPercent: 30",
        "      splitExternalLocalOriginErrors: true", ""));
    Plan plan = shop(policy).plan();
    assertThat(plan.warnings()).isEmpty();
    HasMetadata planned = plan.find(ResourceRef.namespaced("networking.istio.io", "DestinationRule", "shop", "web"))
        .orElseThrow().object();
    assertThat(Manifests.toYaml(planned)).contains("ringHash:\n          minimumRingSize: 4096");
  }

  @Test
  void queryParameterHashingWithMaglevAndLocalityFailoverCompile() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web")
        .loadBalancer(LoadBalancer.consistentHashByQueryParameter("tenant").maglev(65537)
            .localityFailover("us-east1", "us-west1").localityFailoverPriority("topology.istio.io/network"))
        .outlierDetection(OutlierDetection.defaults());

    assertThat(spec(policy)).contains(String.join("\n",
        "    loadBalancer:",
        "      consistentHash:",
        "        maglev:",
        "          tableSize: 65537",
        "        httpQueryParameterName: tenant",
        "      localityLbSetting:",
        "        failover:",
        "        - from: us-east1",
        "          to: us-west1",
        "        failoverPriority:",
        "        - topology.istio.io/network",
        "    outlierDetection: {}"));
    assertThat(shop(policy).plan().warnings()).isEmpty();
  }

  @Test
  void simplePoliciesDistributeByLocalityAndHashOnTheSourceIp() {
    assertThat(spec(TrafficPolicy.forService("shop", "web").loadBalancer(LoadBalancer.roundRobin()
        .localityDistribute("us-east1/*", Map.of("us-west1/*", 20, "us-east1/*", 80))))).contains(String.join("\n",
            "      simple: ROUND_ROBIN",
            "      localityLbSetting:",
            "        distribute:",
            "        - from: us-east1/*",
            "          to:",
            "            us-east1/*: 80",
            "            us-west1/*: 20"));
    assertThat(spec(TrafficPolicy.forService("shop", "web").loadBalancer(LoadBalancer.consistentHashBySourceIp())))
        .contains("useSourceIp: true");
  }

  @Test
  void settingsThatIstioRefusesAreReportedWithTheirField() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web")
        .loadBalancer(LoadBalancer.consistentHashByCookie("session", "an hour").maglev(65536))
        .connectionPool(ConnectionPool.defaults().connectTimeout("0.5ms").tcpKeepalive("300s", "30s", -1)
            .http2MaxRequests(-1).maxRequestsPerConnection(-2))
        .outlierDetection(OutlierDetection.defaults().consecutiveGatewayErrors(-3).maxEjectionPercent(150)
            .minHealthPercent(-1).baseEjectionTime("30"));

    assertThatThrownBy(shop(policy)::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.trafficPolicy.outlierDetection.baseEjectionTime: '30' is not a duration: is missing a unit "
                + "after '30'",
            "spec.trafficPolicy.outlierDetection.consecutiveGatewayErrors: consecutiveGatewayErrors -3 must be "
                + "greater than or equal to 0",
            "spec.trafficPolicy.outlierDetection.maxEjectionPercent: percentage 150 is not in range 0..100",
            "spec.trafficPolicy.outlierDetection.minHealthPercent: percentage -1 is not in range 0..100",
            "spec.trafficPolicy.connectionPool.http.http2MaxRequests: http2 max requests must be non-negative",
            "spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection: max requests per connection must be "
                + "non-negative",
            "spec.trafficPolicy.connectionPool.tcp.connectTimeout: duration 0.5ms is shorter than 1ms",
            "spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.probes: probes -1 must be greater than or equal "
                + "to 0",
            "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl: 'an hour' is not a duration: has an "
                + "invalid number at 'an hour'",
            "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: tableSize must be a prime number for "
                + "maglev"));
  }

  @Test
  void hashingOptionsOnASimplePolicyAndLocalityMistakesAreReported() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web").loadBalancer(LoadBalancer.leastRequest()
        .ringHash(1024).localityFailover("us-east1", "us-east1/a"));

    assertThatThrownBy(shop(policy)::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.problems()).map(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix())
            .containsExactly(
                "spec.trafficPolicy.loadBalancer: only one of simple or consistentHash can be set — keep the "
                    + "simple policy or the hashing",
                "spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]: locality lb failover only specify "
                    + "region — give regions, without zones",
                "spec.trafficPolicy.loadBalancer.localityLbSetting: outlier detection policy must be provided for "
                    + "failover — add outlierDetection: failover needs it to tell unhealthy pods"));
  }

  @Test
  void localityWeightsSumTo100() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web").loadBalancer(LoadBalancer.roundRobin()
        .localityDistribute("us-east1/*", Map.of("us-east1/*", 70, "us-west1/*", 20)));

    assertThatThrownBy(shop(policy)::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: total locality weight 90 != 100"));
  }

  @Test
  void theShorthandsKeepTheirMeaning() {
    TrafficPolicy policy = TrafficPolicy.forService("shop", "web").connectionPool(100, 0)
        .outlierDetection(0, "10s", "30s");
    assertThat(spec(policy)).contains("    connectionPool:\n      tcp:\n        maxConnections: 100\n")
        .doesNotContain("http:", "outlierDetection");
    assertThat(policy.connectionPool()).isEqualTo(ConnectionPool.defaults().maxConnections(100));
    assertThat(policy.outlierDetection()).isEmpty();
  }

  @Test
  void aDestinationRuleWrittenAsYamlKeepsItsRingHash() {
    String rule = String.join("\n",
        "apiVersion: networking.istio.io/v1",
        "kind: DestinationRule",
        "metadata: {name: web, namespace: shop}",
        "spec:",
        "  host: web.shop.svc.cluster.local",
        "  trafficPolicy:",
        "    loadBalancer:",
        "      consistentHash:",
        "        httpHeaderName: x-user",
        "        ringHash: {minimumRingSize: 2048}",
        "");
    Plan plan = ClusterSpec.builder().name("yaml-rule").preExistingNamespace("shop").yaml(rule).build().plan();
    HasMetadata planned = plan.find(ResourceRef.namespaced("networking.istio.io", "DestinationRule", "shop", "web"))
        .orElseThrow().object();
    assertThat(Manifests.toYaml(planned)).contains("minimumRingSize: 2048").contains("httpHeaderName: x-user");
  }
}
