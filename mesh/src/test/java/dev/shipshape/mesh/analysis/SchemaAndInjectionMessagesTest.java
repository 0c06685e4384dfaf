package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchemaAndInjectionMessagesTest {
  private static List<String> messages(FindingReport report) {
    return report.findings().stream()
        .map(f -> f.equivalents().get(0) + " " + IstioAnalyzeJson.origin(f) + " " + f.field().orElse("") + ": "
            + f.message())
        .collect(Collectors.toList());
  }

  private static List<String> schema(String yaml) {
    List<String> names = MeshAnalyzer.names().stream().filter(n -> n.startsWith("schema.ValidationAnalyzer."))
        .collect(Collectors.toList());
    return messages(MeshAnalyzer.only(names).analyzeYaml(yaml));
  }

  @Test
  void invalidVirtualServicesAreSchemaValidationErrors() {
    List<String> found = schema(String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec:", "  hosts: []", "  http:",
        "  - {timeout: 2 seconds, route: [{destination: {host: web}, weight: -5}, {destination: {port: {number: 80}}}],"
            + " mirrorPercent: 10}",
        "  - {redirect: {uri: /new}, route: [{destination: {host: web}}], retries: {attempts: 2, perTryTimeout: 0s}}",
        "  - {match: [{uri: {prefix: /old}}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: empty, namespace: shop}",
        "spec: {hosts: [empty]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: root, namespace: shop}",
        "spec: {hosts: [root.example.com], gateways: [gw], http: [{delegate: {name: child}}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: child, namespace: shop}",
        "spec: {http: [{route: [{destination: {host: web}}]}]}", ""));

    assertThat(found).containsExactlyInAnyOrder(
        "IST0106 VirtualService shop/web spec.hosts: Schema validation error: virtual service must have at least "
            + "one host",
        "IST0106 VirtualService shop/web spec.http[0].timeout: Schema validation error: '2 seconds' is not a "
            + "duration: " + dev.shipshape.core.GoDuration.parse("2 seconds").error().orElseThrow(),
        "IST0133 VirtualService shop/web spec.http[0].mirrorPercent: Schema validation warning: using deprecated "
            + "setting mirrorPercent, use mirrorPercentage instead",
        "IST0106 VirtualService shop/web spec.http[0].route[0].weight: Schema validation error: weight -5 < 0",
        "IST0106 VirtualService shop/web spec.http[0].route[1].destination.host: Schema validation error: "
            + "destination host is required",
        "IST0106 VirtualService shop/web spec.http[1]: Schema validation error: HTTP route cannot contain both "
            + "route and redirect",
        "IST0106 VirtualService shop/web spec.http[1].retries.perTryTimeout: Schema validation error: duration 0s "
            + "is shorter than 1ms",
        "IST0106 VirtualService shop/web spec.http[2]: Schema validation error: HTTP route, redirect, direct "
            + "response or delegate is required",
        "IST0106 VirtualService shop/empty spec: Schema validation error: http, tcp or tls must be provided in "
            + "virtual service",
        "IST0130 VirtualService shop/web spec.http[1]: VirtualService rule #1 not used (only the last rule can "
            + "have no matches).");
  }

  /** Istio's validateTLSOptions (pkg/config/validation/validation.go) on the certificates a server's mode takes. */
  @Test
  void gatewayServersCarryOnlyTheCertificatesTheirModeTakes() {
    List<String> found = schema(String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: gw, namespace: shop}",
        "spec: {servers: [",
        "  {port: {number: 443, name: a, protocol: TLS}, hosts: ['*'], tls: {mode: PASSTHROUGH, credentialName: c}},",
        "  {port: {number: 444, name: b, protocol: TLS}, hosts: ['*'], tls: {credentialNames: [c]}},",
        "  {port: {number: 445, name: c, protocol: TLS}, hosts: ['*'],"
            + " tls: {mode: AUTO_PASSTHROUGH, caCrl: /etc/crl.pem}},",
        "  {port: {number: 446, name: d, protocol: TLS}, hosts: ['*'], tls: {mode: PASSTHROUGH}},",
        "  {port: {number: 447, name: e, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: ISTIO_MUTUAL, credentialName: c, credentialNames: [c, d], serverCertificate: /c.pem}},",
        "  {port: {number: 448, name: f, protocol: HTTPS}, hosts: ['*'], tls: {mode: ISTIO_MUTUAL}}]}", ""));

    assertThat(found).containsExactlyInAnyOrder(
        "IST0133 Gateway shop/gw spec.servers[0].tls.mode: Schema validation warning: PASSTHROUGH mode does not use "
            + "certificates, they will be ignored",
        "IST0133 Gateway shop/gw spec.servers[1].tls.mode: Schema validation warning: PASSTHROUGH mode does not use "
            + "certificates, they will be ignored",
        "IST0133 Gateway shop/gw spec.servers[2].tls.mode: Schema validation warning: AUTO_PASSTHROUGH mode does not "
            + "use certificates, they will be ignored",
        "IST0106 Gateway shop/gw spec.servers[4].tls.serverCertificate: Schema validation error: ISTIO_MUTUAL TLS "
            + "cannot have associated server certificate",
        "IST0106 Gateway shop/gw spec.servers[4].tls.credentialName: Schema validation error: ISTIO_MUTUAL TLS "
            + "cannot have associated credentialName",
        "IST0106 Gateway shop/gw spec.servers[4].tls.credentialNames: Schema validation error: ISTIO_MUTUAL TLS "
            + "cannot have associated credentialNames");
  }

  @Test
  void otherKindsFollowIstiosValidationToo() {
    List<String> found = schema(String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: web, namespace: shop}",
        "spec: {trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user, minimumRingSize: 1024}}},"
            + " subsets: [{name: v1, labels: {v: '1'}}, {name: v1, labels: {v: '2'}}, {labels: {v: '3'}}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: gw, namespace: shop}",
        "spec: {servers: [{port: {number: 70000, name: https, protocol: HTTPS}, hosts: []}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: ServiceEntry", "metadata: {name: api, namespace: shop}",
        "spec: {hosts: [api.example.com], ports: [{number: 443, name: a, protocol: TLS},"
            + " {number: 443, name: b, protocol: TLS}, {number: 8443, protocol: TLS}]}", "---",
        "apiVersion: security.istio.io/v1", "kind: PeerAuthentication", "metadata: {name: default, namespace: shop}",
        "spec: {mtls: {mode: STRICT}, portLevelMtls: {'8080': {mode: DISABLE}}}", "---",
        "apiVersion: security.istio.io/v1", "kind: AuthorizationPolicy", "metadata: {name: allow, namespace: shop}",
        "spec: {rules: [{from: [{source: {}}], to: [{operation: {}}]}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: ok, namespace: shop}",
        "spec: {servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: SIMPLE, credentialName: c}}]}", ""));

    assertThat(found).containsExactlyInAnyOrder(
        "IST0106 DestinationRule shop/web spec.host: Schema validation error: host is required",
        "IST0106 DestinationRule shop/web spec.subsets[1].name: Schema validation error: duplicate subset name v1",
        "IST0106 DestinationRule shop/web spec.subsets[2].name: Schema validation error: subset name is required",
        "IST0133 DestinationRule shop/web spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: Schema "
            + "validation warning: consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash "
            + "configuration instead",
        "IST0106 Gateway shop/gw spec.servers[0].hosts: Schema validation error: server config must contain at "
            + "least one host",
        "IST0106 Gateway shop/gw spec.servers[0].port.number: Schema validation error: port number 70000 must be in "
            + "the range 1..65535",
        // No word on the missing TLS settings: Istio checks them against the protocol only on a valid port.
        "IST0106 ServiceEntry shop/api spec.ports[1].number: Schema validation error: port \"b\" (ports[1], number "
            + "443): service entry port 443 already defined",
        "IST0106 ServiceEntry shop/api spec.ports[2].name: Schema validation error: port without a name (ports[2], "
            + "number 8443): invalid port name: ",
        "IST0106 PeerAuthentication shop/default spec.portLevelMtls: Schema validation error: mesh/namespace peer "
            + "authentication cannot have port level mTLS",
        "IST0106 AuthorizationPolicy shop/allow spec.rules[0].from[0].source: Schema validation error: "
            + "`from.source` must not be empty",
        "IST0106 AuthorizationPolicy shop/allow spec.rules[0].to[0].operation: Schema validation error: "
            + "`to.operation` must not be empty");
  }

  @Test
  void peerAuthenticationPortsAndSelectorsFollowIstiosValidation() {
    String policy = String.join("\n", "apiVersion: security.istio.io/v1", "kind: PeerAuthentication",
        "metadata: {name: %s, namespace: shop}", "spec: %s", "---", "");
    List<String> found = schema(String.format(policy, "zero", "{selector: {matchLabels: {app: web}},"
            + " portLevelMtls: {'0': {mode: DISABLE}, '8080': {mode: PERMISSIVE}}}")
        + String.format(policy, "none", "{selector: {matchLabels: {app: web}}, portLevelMtls: {}}")
        + String.format(policy, "wild", "{selector: {matchLabels: {app: 'web*'}}}")
        + String.format(policy, "all", "{selector: {}, mtls: {mode: STRICT}}"));

    assertThat(found).containsExactlyInAnyOrder(
        "IST0106 PeerAuthentication shop/zero spec.portLevelMtls.0: Schema validation error: port must be in range "
            + "1..65535",
        "IST0106 PeerAuthentication shop/none spec.portLevelMtls: Schema validation error: port level mTLS, if "
            + "defined, must have at least one element",
        "IST0106 PeerAuthentication shop/wild spec.selector.matchLabels: Schema validation error: wildcard is not "
            + "supported in selector: \"app=web*\"",
        "IST0133 PeerAuthentication shop/all spec.selector: Schema validation warning: workload selector specified "
            + "without labels");
  }

  @Test
  void serviceEntryPortProtocolsAreIstiosInAnyCase() {
    List<String> found = schema(String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: ServiceEntry", "metadata: {name: cache, namespace: shop}",
        "spec: {hosts: [cache.example.com], addresses: [192.0.2.10], resolution: STATIC,"
            + " endpoints: [{address: 'fe80::1%eth0'}], ports: [{number: 6379, name: redis, protocol: redis},"
            + " {number: 3306, name: db, protocol: MySQL}, {number: 9000, name: q, protocol: QUIC}]}", ""));

    assertThat(found).containsExactly("IST0106 ServiceEntry shop/cache spec.ports[2].protocol: Schema validation "
        + "error: port \"q\" (ports[2], number 9000): unsupported protocol: QUIC");
  }

  @Test
  void authorizationPoliciesWhoseActionCannotBeTriggeredFollowIstiosValidation() {
    String policy = String.join("\n", "apiVersion: security.istio.io/v1", "kind: AuthorizationPolicy",
        "metadata: {name: %s, namespace: shop}", "spec: %s", "---", "");
    List<String> found = schema(String.format(policy, "deny-nothing", "{action: DENY}")
        + String.format(policy, "deny-empty", "{action: DENY, rules: []}")
        + String.format(policy, "ext-authz", "{action: CUSTOM, rules: [{to: [{operation: {paths: [/admin]}}]}]}")
        + String.format(policy, "allow-ext", "{provider: {name: opa}, rules: [{}]}")
        + String.format(policy, "deny-get", "{action: DENY, rules: [{to: [{operation: {methods: [GET]}}]}]}")
        + String.format(policy, "deny-jwt", "{action: DENY, rules: [{from: [{source: {requestPrincipals: ['*']}}]}]}")
        + String.format(policy, "deny-port", "{action: DENY, rules: [{to: [{operation: {ports: ['8080'],"
            + " methods: [GET]}}]}, {from: [{source: {namespaces: [legacy]}}]}]}")
        + String.format(policy, "deny-all", "{action: DENY, rules: [{}]}")
        + String.format(policy, "deny-sa", "{action: DENY, rules: [{from: [{source: {serviceAccounts: [shop/x]}}]}]}")
        + String.format(policy, "allow-nothing", "{}"));

    String httpOnly = "Schema validation warning: configured AuthorizationPolicy will deny all traffic to TCP "
        + "ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to "
        + "explicitly specify the port";
    assertThat(found).containsExactlyInAnyOrder(
        "IST0106 AuthorizationPolicy shop/deny-nothing spec.rules: Schema validation error: DENY action without "
            + "`rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be "
            + "triggered for every request",
        "IST0106 AuthorizationPolicy shop/deny-empty spec.rules: Schema validation error: DENY action without "
            + "`rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be "
            + "triggered for every request",
        "IST0106 AuthorizationPolicy shop/ext-authz spec.provider.name: Schema validation error: `provider.name` "
            + "must not be empty",
        "IST0106 AuthorizationPolicy shop/allow-ext spec.provider: Schema validation error: `provider` must not be "
            + "with non CUSTOM action, found ALLOW",
        "IST0133 AuthorizationPolicy shop/deny-get spec.rules[0]: " + httpOnly,
        "IST0133 AuthorizationPolicy shop/deny-jwt spec.rules[0]: " + httpOnly);
  }

  @Test
  void schemaMessagesCarryIstiosCodesAndLevelsInTheIstioctlJson() {
    FindingReport report = MeshAnalyzer.all().analyzeYaml(String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: gw, namespace: shop}",
        "spec: {servers: []}", ""));
    assertThat(IstioAnalyzeJson.render(report)).contains("\"code\" : \"IST0106\"", "\"level\" : \"Error\"",
        "\"origin\" : \"Gateway shop/gw\"");
    assertThat(IstioMessage.find("IST0133")).contains(IstioMessage.SCHEMA_WARNING);
    assertThat(IstioMessage.SCHEMA_WARNING.level()).isEqualTo(IstioMessage.Level.WARNING);
  }

  private static final String INJECTOR = String.join("\n",
      "apiVersion: v1", "kind: ConfigMap", "metadata: {name: istio-sidecar-injector, namespace: istio-system}",
      "data:", "  values: '{\"sidecarInjectorWebhook\": {\"enableNamespacesByDefault\": %s}}'", "---",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: shop}", "---",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: legacy, labels: {istio-injection: disabled}}", "---",
      "apiVersion: v1", "kind: Pod", "metadata: {name: web, namespace: shop}",
      "spec: {containers: [{name: web, image: web:1}]}", "");

  @Test
  void namespacesInjectedByDefaultAreIST0148AndTheirPodsNeedTheProxy() {
    List<String> byDefault = messages(MeshAnalyzer.only(List.of("injection.Analyzer"))
        .analyzeYaml(String.format(INJECTOR, "true")));
    assertThat(byDefault).containsExactlyInAnyOrder(
        "IST0148 Namespace shop metadata.labels: the namespace is enabled for Istio injection, as Istio is "
            + "installed with enableNamespacesByDefault as true",
        "IST0103 Pod shop/web spec.containers: the pod is in an injected namespace but has no istio-proxy container");

    List<String> notByDefault = messages(MeshAnalyzer.only(List.of("injection.Analyzer"))
        .analyzeYaml(String.format(INJECTOR, "false")));
    assertThat(notByDefault).extracting(m -> m.substring(0, 7)).containsExactly("IST0102");
    assertThat(IstioMessage.NAMESPACE_INJECTION_ENABLED_BY_DEFAULT.level()).isEqualTo(IstioMessage.Level.INFO);
  }
}
