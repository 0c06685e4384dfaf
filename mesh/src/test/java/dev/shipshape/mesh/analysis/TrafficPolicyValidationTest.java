package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DestinationRule traffic policies (connection pools, outlier detection, load balancing; top-level, per subset and
 * per port) judged as Istio's validation judges them, as IST0106 errors and IST0133 warnings.
 */
class TrafficPolicyValidationTest {
  private static List<String> findings(String spec) {
    String yaml = String.join("\n", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: web, namespace: shop}", "spec: " + spec, "");
    return MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.DestinationRule")).analyzeYaml(yaml).findings()
        .stream().map(f -> f.equivalents().get(0) + " " + f.field().orElse("") + ": " + f.message() + " — "
            + f.remediation().orElse(""))
        .collect(Collectors.toList());
  }

  @Test
  void aProductionPolicyThatIstioAcceptsHasNoFinding() {
    assertThat(findings("{host: web, trafficPolicy: {"
        + "connectionPool: {tcp: {maxConnections: 100, connectTimeout: 250ms, idleTimeout: 0s,"
        + " tcpKeepalive: {time: 7200s, interval: 75s}}, http: {http1MaxPendingRequests: 10, maxRetries: 3,"
        + " idleTimeout: 1h}},"
        + " outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50},"
        + " loadBalancer: {consistentHash: {httpCookie: {name: session, ttl: 3600s}, maglev: {tableSize: 65537}},"
        + " warmup: {duration: 60s, minimumPercent: 10, aggression: 1.5}},"
        + " portLevelSettings: [{port: {number: 9090}, connectionPool: {http: {http2MaxRequests: 1000}}}]},"
        + " subsets: [{name: v1, labels: {version: v1}, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}]}"))
        .isEmpty();
  }

  @Test
  void outlierDetectionAndConnectionPoolsFollowIstiosRules() {
    assertThat(findings("{host: web, trafficPolicy: {"
        + "connectionPool: {tcp: {maxConnections: -1, connectTimeout: 1500us}, http: {maxRetries: -2,"
        + " h2UpgradePolicy: UPGRADE, useClientProtocol: true}},"
        + " outlierDetection: {consecutiveErrors: 5, consecutiveLocalOriginFailures: 3, interval: 500us,"
        + " maxEjectionPercent: 150}}}"))
        .containsExactlyInAnyOrder(
            "IST0106 spec.trafficPolicy.outlierDetection.interval: Schema validation error: duration 500us is "
                + "shorter than 1ms — give at least 1ms",
            "IST0133 spec.trafficPolicy.outlierDetection.consecutiveErrors: Schema validation warning: outlier "
                + "detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors "
                + "instead — write consecutive5xxErrors",
            "IST0106 spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures: Schema validation error: "
                + "outlier detection consecutive local origin failures is specified, but split external local "
                + "origin errors is set to false — set splitExternalLocalOriginErrors: true, or remove "
                + "consecutiveLocalOriginFailures",
            "IST0106 spec.trafficPolicy.outlierDetection.maxEjectionPercent: Schema validation error: percentage "
                + "150 is not in range 0..100 — give a percentage",
            "IST0106 spec.trafficPolicy.connectionPool.http.maxRetries: Schema validation error: max retries must "
                + "be non-negative — give 0 or more",
            "IST0106 spec.trafficPolicy.connectionPool.http.useClientProtocol: Schema validation error: use client "
                + "protocol must not be true when H2UpgradePolicy is UPGRADE — remove useClientProtocol, or the "
                + "h2UpgradePolicy",
            "IST0106 spec.trafficPolicy.connectionPool.tcp.maxConnections: Schema validation error: max "
                + "connections must be non-negative — give 0 or more",
            "IST0106 spec.trafficPolicy.connectionPool.tcp.connectTimeout: Schema validation error: duration "
                + "1500us: only durations to ms precision are supported — give whole milliseconds, such as 1500ms");
  }

  @Test
  void loadBalancersEmptyPoliciesAndPortLevelSettingsFollowIstiosRules() {
    assertThat(findings("{host: web, trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {ttl: 0s},"
        + " minimumRingSize: 1024, maglev: {tableSize: 65536}}, warmup: {minimumPercent: 120}},"
        + " portLevelSettings: [{connectionPool: {}}, {port: {number: 80}}]},"
        + " subsets: [{name: v1, trafficPolicy: {}}]}"))
        .containsExactlyInAnyOrder(
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name: Schema validation error: name "
                + "required for HttpCookie — name the cookie",
            "IST0133 spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: Schema validation warning: "
                + "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration "
                + "instead — write consistentHash.ringHash.minimumRingSize",
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash: Schema validation error: only one of "
                + "MinimumRingSize or Maglev/Ringhash can be specified — remove minimumRingSize",
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: Schema validation error: "
                + "tableSize must be a prime number for maglev — give a prime below 5000011, such as Envoy's "
                + "default 65537",
            "IST0106 spec.trafficPolicy.loadBalancer.warmup.duration: Schema validation error: duration is required"
                + " — give the warmup duration, such as 60s",
            "IST0106 spec.trafficPolicy.loadBalancer.warmup.minimumPercent: Schema validation error: minimumPercent "
                + "value should be less than or equal to 100 — give a percentage",
            "IST0106 spec.trafficPolicy.portLevelSettings[0].port: Schema validation error: portTrafficPolicy must "
                + "have valid port — give port.number",
            "IST0106 spec.trafficPolicy.portLevelSettings[0].connectionPool: Schema validation error: connection "
                + "pool must have at least one field — add http or tcp limits, or remove it",
            "IST0106 spec.trafficPolicy.portLevelSettings[1]: Schema validation error: port traffic policy must "
                + "have at least one field — add connectionPool, outlierDetection, loadBalancer or tls, or remove "
                + "the entry",
            "IST0106 spec.subsets[0].trafficPolicy: Schema validation error: traffic policy must have at least one "
                + "field — add a setting, or remove the empty policy");
  }

  @Test
  void localityHashingAndUnsignedFieldsFollowTheRulesPlanningUses() {
    assertThat(findings("{host: web, trafficPolicy: {"
        + " outlierDetection: {consecutiveGatewayErrors: -1},"
        + " loadBalancer: {simple: ROUND_ROBIN, consistentHash: {httpHeaderName: x, useSourceIp: true,"
        + " httpCookie: {name: s, ttl: soon}, ringHash: {minimumRingSize: 1024}, maglev: {tableSize: 65537}},"
        + " localityLbSetting: {distribute: [{from: 'us-east1/*', to: {'us-east1/*': 60, 'us-east1/a': 40}}]}}}}"))
        .containsExactlyInAnyOrder(
            "IST0106 spec.trafficPolicy.outlierDetection.consecutiveGatewayErrors: Schema validation error: "
                + "consecutiveGatewayErrors -1 must be greater than or equal to 0 — give 0 or more",
            "IST0106 spec.trafficPolicy.loadBalancer: Schema validation error: only one of simple or consistentHash "
                + "can be set — keep the simple policy or the hashing",
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash: Schema validation error: only one of "
                + "httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName can be set — hash on one key",
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash: Schema validation error: only one of ringHash "
                + "or maglev can be set — keep one of them",
            "IST0106 spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl: Schema validation error: 'soon' "
                + "is not a duration: has an invalid number at 'soon' — write a duration such as 3600s; 0s makes a "
                + "session cookie",
            "IST0106 spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: Schema validation error: "
                + "locality us-east1/a overlap with previous specified ones — give each locality once, a wildcard "
                + "only as its last part");
    assertThat(findings("{host: web, trafficPolicy: {loadBalancer: {localityLbSetting: {"
        + "failover: [{from: us-east1, to: us-west1}], distribute: [{from: us-east1, to: {us-west1: 100}}]}}}}"))
        .containsExactly("IST0106 spec.trafficPolicy.loadBalancer.localityLbSetting: Schema validation error: can "
            + "not simultaneously specify 'distribute' and 'failover' — keep one of them");
  }

  /** Istio skips the tcp idle timeout's check when the value is 0 in whole milliseconds (Go truncates). */
  @Test
  void aTcpIdleTimeoutUnderOneMillisecondIsAcceptedAsIstioAcceptsIt() {
    assertThat(findings("{host: web, trafficPolicy: {connectionPool: {tcp: {idleTimeout: 500us}}}}")).isEmpty();
    assertThat(findings("{host: web, trafficPolicy: {connectionPool: {tcp: {idleTimeout: 1500us}}}}"))
        .containsExactly("IST0106 spec.trafficPolicy.connectionPool.tcp.idleTimeout: Schema validation error: "
            + "duration 1500us: only durations to ms precision are supported — give whole milliseconds, such as "
            + "1500ms");
  }

  @Test
  void clientTlsSettingsFollowIstiosRules() {
    assertThat(findings("{host: web, trafficPolicy: {tls: {mode: MUTUAL},"
        + " portLevelSettings: [{port: {number: 443}, tls: {mode: SIMPLE, credentialName: web-ca,"
        + " caCertificates: /etc/ca.pem}}, {port: {number: 8443}, tls: {mode: SIMPLE, insecureSkipVerify: true,"
        + " subjectAltNames: [web.example.com]}}, {port: {number: 9443}, tls: {mode: MUTUAL,"
        + " insecureSkipVerify: true, caCertificates: /etc/ca.pem, clientCertificate: /c.pem, privateKey: /k.pem}}]}}"))
        .containsExactlyInAnyOrder(
            "IST0106 spec.trafficPolicy.tls.clientCertificate: Schema validation error: client certificate required "
                + "for mutual tls — give the path of the client certificate file, or a credentialName that names a "
                + "Secret holding it",
            "IST0106 spec.trafficPolicy.tls.privateKey: Schema validation error: private key required for mutual tls"
                + " — give the path of the client's private key file, or a credentialName that names a Secret "
                + "holding it",
            "IST0106 spec.trafficPolicy.portLevelSettings[0].tls.credentialName: Schema validation error: cannot "
                + "specify client certificates or CA certificate or CA CRL If credentialName is set — keep "
                + "credentialName (the Secret holds the certificates), or remove it and give the files",
            "IST0106 spec.trafficPolicy.portLevelSettings[1].tls.insecureSkipVerify: Schema validation error: cannot"
                + " specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true —"
                + " remove insecureSkipVerify to verify the server, or remove caCertificates, credentialName and "
                + "subjectAltNames",
            "IST0106 spec.trafficPolicy.portLevelSettings[2].tls.insecureSkipVerify: Schema validation error: cannot"
                + " specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true — remove "
                + "insecureSkipVerify to verify the server, or remove caCertificates and subjectAltNames");
    assertThat(findings("{host: web, trafficPolicy: {tls: {mode: MUTUAL, credentialName: web-client},"
        + " portLevelSettings: [{port: {number: 443}, tls: {mode: MUTUAL, clientCertificate: /c.pem,"
        + " privateKey: /k.pem, caCertificates: /ca.pem}}, {port: {number: 80}, tls: {mode: ISTIO_MUTUAL}}]}}"))
        .isEmpty();
  }

  @Test
  void tunnelsAndProxyProtocolFollowIstiosRules() {
    assertThat(findings("{host: web, trafficPolicy: {tunnel: {protocol: GET, targetHost: 'bad host',"
        + " targetPort: 70000}}}")).containsExactlyInAnyOrder(
        "IST0106 spec.trafficPolicy.tunnel.protocol: Schema validation error: tunnel protocol must be \"CONNECT\" "
            + "or \"POST\" — write CONNECT or POST (upper-case), or leave it unset for CONNECT",
        "IST0106 spec.trafficPolicy.tunnel.targetHost: Schema validation error: tunnel target host must be valid "
            + "FQDN or IP address: domain name \"bad host\" invalid (label \"bad host\" invalid); bad host is not a "
            + "valid IP — give the host name or IP address of the tunnel's proxy, such as proxy.example.com",
        "IST0106 spec.trafficPolicy.tunnel.targetPort: Schema validation error: tunnel target port is invalid: "
            + "port number 70000 must be in the range 1..65535 — give the port of the tunnel's proxy");
    assertThat(findings("{host: web, trafficPolicy: {proxyProtocol: {version: V3}}}")).containsExactly(
        "IST0106 spec.trafficPolicy.proxyProtocol.version: Schema validation error: proxy protocol version is "
            + "invalid: V3 — write V1 or V2");
    assertThat(findings("{host: web, trafficPolicy: {tunnel: {protocol: POST, targetHost: 10.0.0.1,"
        + " targetPort: 3128}}}")).isEmpty();
    assertThat(findings("{host: web, trafficPolicy: {tunnel: {targetHost: proxy.example.com, targetPort: 3128}},"
        + " subsets: [{name: v1, labels: {version: v1}, trafficPolicy: {proxyProtocol: {version: V2}}}]}")).isEmpty();
  }
}
