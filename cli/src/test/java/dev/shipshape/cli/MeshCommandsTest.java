package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshCommandsTest {
  private static final String BROKEN = String.join("\n",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService",
      "metadata: {name: reviews, namespace: default}", "spec:", "  hosts: [reviews]", "  gateways: [missing-gw]",
      "  http: [{route: [{destination: {host: reviews, subset: v9}}]}]", "---",
      "apiVersion: v1", "kind: Service", "metadata: {name: reviews, namespace: default}",
      "spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}", "");

  @TempDir
  Path home;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void analyzePrintsWhatIstioctlAnalyzePrintsAsJson() throws Exception {
    Path file = Files.writeString(home.resolve("broken.yaml"), BROKEN);
    CliRunner.Result result = CliRunner.isolated(home).run("mesh", "analyze", "--format", "json", file.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    JsonNode messages = json.readTree(result.out);
    List<String> seen = new ArrayList<>();
    for (JsonNode m : messages) {
      assertThat(m.has("message") && m.has("level")).isTrue();
      seen.add(m.path("code").asText() + " " + m.path("level").asText() + " " + m.path("origin").asText());
    }
    assertThat(seen).contains("IST0101 Error VirtualService default/reviews",
        "IST0132 Warning VirtualService default/reviews");
  }

  @Test
  void failOnIsAnIstioLevelAndDefaultsToError() throws Exception {
    Path file = Files.writeString(home.resolve("warn.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata: {name: db, namespace: shop}",
        "spec: {type: ExternalName, externalName: db.example.com, ports: [{name: tcp, port: 5432}]}", ""));
    CliRunner.Result byDefault = CliRunner.isolated(home).run("mesh", "analyze", file.toString());
    CliRunner.Result warning = CliRunner.isolated(home).run("mesh", "analyze", file.toString(), "--fail-on",
        "warning");
    CliRunner.Result unknown = CliRunner.isolated(home).run("mesh", "analyze", file.toString(), "--fail-on", "bad");

    assertThat(byDefault.exitCode).as(byDefault.toString()).isZero();
    assertThat(byDefault.out).contains("external-name-service-type-invalid-port-name Service shop/db");
    assertThat(warning.exitCode).isEqualTo(1);
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).contains("level 'bad' is not one of Error, Warning, Info");
  }

  @Test
  void analyzeRunsOneNamedAnalyzerOverAConformanceCase() {
    Path dir = SharedData.require("conformance/istio/virtualServiceGateways/input");
    CliRunner.Result result = CliRunner.isolated(home).run("mesh", "analyze", "--analyzer",
        "virtualservice.GatewayAnalyzer", "--format", "json", dir.toString());
    assertThat(result.out).contains("\"origin\" : \"VirtualService httpbin-bogus\"",
        "\"origin\" : \"VirtualService default/cross-test\"");
    CliRunner.Result unknown = CliRunner.isolated(home).run("mesh", "analyze", "--analyzer", "nope", dir.toString());
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).contains("unknown mesh analyzer(s) [nope]");
  }

  @Test
  void routeTellsTheSubsetWeightsAndMtlsOfARequest() throws Exception {
    Path file = Files.writeString(home.resolve("routes.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
        "spec: {selector: {app: web}, ports: [{name: http, port: 80}]}", "---",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v2, namespace: shop}",
        "spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web, version: v2}},"
            + " spec: {containers: [{name: web, image: web:2}]}}}", "---",
        "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: web, namespace: shop}",
        "spec: {host: web, subsets: [{name: v2, labels: {version: v2}}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec: {hosts: [web], http: [{name: beta, match: [{headers: {x-beta: {exact: 'on'}}}],"
            + " route: [{destination: {host: web, subset: v2}}]}, {route: [{destination: {host: web}}]}]}", "---",
        "apiVersion: security.istio.io/v1", "kind: PeerAuthentication",
        "metadata: {name: default, namespace: shop}", "spec: {mtls: {mode: STRICT}}", ""));
    CliRunner.Result result = CliRunner.isolated(home).run("mesh", "route", "web", file.toString(), "-n", "shop",
        "--header", "x-beta=on");
    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("request to web.shop.svc.cluster.local: VirtualService shop/web rule \"beta\"",
        "100% -> web.shop.svc.cluster.local subset v2 (mTLS STRICT): Deployment shop/web-v2");
  }

  @Test
  void routeFromAClientNamesTheNetworkPolicyThatBlocksIt() throws Exception {
    Path file = Files.writeString(home.resolve("blocked.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
        "spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}", "---",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}",
        "spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}},"
            + " spec: {containers: [{name: web, image: web:2, ports: [{name: http, containerPort: 8080}]}]}}}", "---",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: frontend, namespace: shop}",
        "spec: {selector: {matchLabels: {app: fe}}, template: {metadata: {labels: {app: fe}},"
            + " spec: {containers: [{name: fe, image: fe:1}]}}}", "---",
        "apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy",
        "metadata: {name: web-from-ingress, namespace: shop}",
        "spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress],"
            + " ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}}]}]}",
        ""));
    CliRunner.Result blocked = CliRunner.isolated(home).run("mesh", "route", "web", file.toString(), "-n", "shop",
        "--from", "shop/frontend");
    assertThat(blocked.exitCode).as(blocked.toString()).isEqualTo(1);
    assertThat(blocked.out).contains("request to web.shop.svc.cluster.local from shop/frontend[Deployment]",
        "BLOCKED Deployment shop/web port 8080/TCP: blocked by NetworkPolicy shop/web-from-ingress (ingress of "
            + "shop/web[Deployment])");

    CliRunner.Result unchecked = CliRunner.isolated(home).run("mesh", "route", "web", file.toString(), "-n", "shop");
    assertThat(unchecked.exitCode).as(unchecked.toString()).isZero();
    assertThat(unchecked.out).contains("NetworkPolicies not checked");

    CliRunner.Result unknown = CliRunner.isolated(home).run("mesh", "route", "web", file.toString(), "--from",
        "shop/nope");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).contains("--from no workload 'shop/nope'");
  }
}
