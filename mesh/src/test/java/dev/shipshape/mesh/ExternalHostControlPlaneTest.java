package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ServiceEntries against a real kube-apiserver serving Istio's ServiceEntry CRD, whose CEL rules carry part of
 * Istio's validation: what the server refuses, planning refuses too (with the rule's own words), and what planning
 * compiles, the server accepts.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ExternalHostControlPlaneTest {
  private static void installServiceEntryCrd(KubernetesClient client, String namespace) {
    for (HasMetadata crd : Manifests.read(SharedData.require("k8s-reference/crds/istio"))) {
      if (crd.getMetadata().getName().equals("serviceentries.networking.istio.io")) {
        CustomResourceDefinitions.install(client, (CustomResourceDefinition) crd);
      }
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(existing -> existing.update());
  }

  private static String serverAnswer(KubernetesClient client, HasMetadata object) {
    try {
      client.resource(object).dryRun().create();
      return "accepted";
    } catch (KubernetesClientException e) {
      return e.getMessage();
    }
  }

  @Test
  void whatTheServerRefusesPlanningAndAnalysisRefuseToo(KubernetesClient client) {
    String ns = "se-refused";
    installServiceEntryCrd(client, ns);
    List<ExternalHost> refused = List.of(
        ExternalHost.of(ns, "db.legacy.example").port(5432, "TCP").addresses("10.2.0.0/16"),
        ExternalHost.of(ns, "db.legacy.example").resolution(HostResolution.NONE).endpoints("10.0.0.5"),
        ExternalHost.of(ns, "db.legacy.example").resolution(HostResolution.DNS_ROUND_ROBIN)
            .endpoints("db1.legacy.example", "db2.legacy.example"),
        ExternalHost.of(ns, "*"),
        ExternalHost.of(ns, "app.local.example").resolution(HostResolution.STATIC).endpoints("unix://run/app.sock"),
        ExternalHost.of(ns, "app.local.example").resolution(HostResolution.STATIC).endpoints("unix:///run/"));
    List<String> rules = List.of("CIDR addresses are allowed only for NONE/STATIC resolution types",
        "NONE mode cannot set endpoints", "DNS_ROUND_ROBIN mode cannot have multiple endpoints",
        "hostname cannot be wildcard", "UDS must be an absolute path or abstract socket", "UDS may not be a dir");
    List<String> planned = List.of("spec.addresses: CIDR addresses are allowed only for NONE/STATIC resolution "
        + "types", "spec.endpoints: no endpoints should be provided for resolution type none",
        "spec.endpoints: there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN",
        "spec.hosts[0]: invalid host *", "spec.endpoints[0].address: run/app.sock is not an absolute path to a file",
        "spec.endpoints[0].address: /run/ is not an absolute path to a file");
    for (int i = 0; i < refused.size(); i++) {
      ExternalHost host = refused.get(i);
      HasMetadata object = host.compile(null).get(0);
      assertThat(serverAnswer(client, object)).as(host.toString()).contains(rules.get(i));
      assertThatThrownBy(() -> ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all())
          .preExistingNamespace(ns).component(host).build().plan()).as(host.toString())
          .isInstanceOf(SpecValidationException.class).hasMessageContaining(planned.get(i));
      assertThat(MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.ServiceEntry")).analyze(List.of(object))
          .failed()).as(host.toString()).isTrue();
    }
  }

  /**
   * The CRD keys the ports by name and forbids a number twice; Istio's validation, and the analysis, report every
   * problem of every port, each naming its port.
   */
  @Test
  void everyPortProblemTheServerRefusesTheAnalysisReportsTogether(KubernetesClient client) {
    String ns = "se-ports";
    installServiceEntryCrd(client, ns);
    HasMetadata entry = Manifests.parse(String.join("\n", "apiVersion: networking.istio.io/v1", "kind: ServiceEntry",
        "metadata: {name: api, namespace: " + ns + "}",
        "spec: {hosts: [api.example.com], resolution: DNS, ports: [{number: 443, name: tls, protocol: TLS},"
            + " {number: 443, name: tls, protocol: TLS}, {number: 8443, name: web, protocol: TLS},"
            + " {number: 8443, name: Bad_Name, protocol: TLS}]}")).get(0);

    assertThat(serverAnswer(client, entry)).contains("Duplicate value", "port number cannot be duplicated");
    assertThat(MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.ServiceEntry")).analyze(List.of(entry))
        .findings()).extracting(f -> f.field().orElse("") + ": " + f.message()).containsExactlyInAnyOrder(
        "spec.ports[1].name: Schema validation error: port \"tls\" (ports[1], number 443): service entry port name "
            + "\"tls\" already defined",
        "spec.ports[1].number: Schema validation error: port \"tls\" (ports[1], number 443): service entry port "
            + "443 already defined",
        "spec.ports[3].number: Schema validation error: port \"Bad_Name\" (ports[3], number 8443): service entry "
            + "port 8443 already defined",
        "spec.ports[3].name: Schema validation error: port \"Bad_Name\" (ports[3], number 8443): invalid port name: "
            + "Bad_Name");
  }

  @Test
  void whatPlanningCompilesTheServerAccepts(KubernetesClient client) {
    String ns = "se-accepted";
    installServiceEntryCrd(client, ns);
    ClusterSpec spec = ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all()).preExistingNamespace(ns)
        .component(ExternalHost.of(ns, "db.legacy.example").port(5432, "TCP").addresses("10.2.0.0/16", "2001:db8::/32")
            .resolution(HostResolution.STATIC).endpoints("10.2.0.5", "2001:db8::5"),
        ExternalHost.of(ns, "api.payments.example").port(443, "TLS").resolution(HostResolution.DNS_ROUND_ROBIN)
            .endpoints("eu.payments.example"),
        ExternalHost.of(ns, "*.example.org").port(443, "TLS"),
        ExternalHost.of(ns, "proxy.corp.example").port(3128, "http_proxy").port(53, "udp").port(6379, "Redis")
            .port(3306, "mysql").port(8080, "grpc-web"),
        ExternalHost.of(ns, "app.local.example").port(80, "HTTP").resolution(HostResolution.STATIC)
            .endpoints("unix:///run/app.sock")).build();
    for (PlannedResource planned : spec.plan().resources()) {
      assertThat(serverAnswer(client, planned.object())).as(planned.object().getMetadata().getName())
          .isEqualTo("accepted");
    }
  }

  /**
   * The server prunes a null targetPort (the field is not nullable), and the analysis takes it for none. The entry is
   * sent as JSON text, so that the null reaches the server.
   */
  @Test
  void aNullTargetPortIsPrunedAndNoProblem(KubernetesClient client) {
    String ns = "se-null";
    installServiceEntryCrd(client, ns);
    String json = "{\"apiVersion\": \"networking.istio.io/v1\", \"kind\": \"ServiceEntry\", \"metadata\": {\"name\": "
        + "\"api\", \"namespace\": \"" + ns + "\"}, \"spec\": {\"hosts\": [\"api.example.com\"], \"resolution\": "
        + "\"DNS\", \"ports\": [{\"number\": 443, \"name\": \"tls\", \"protocol\": \"TLS\", \"targetPort\": null}]}}";
    String kept = client.raw("/apis/networking.istio.io/v1/namespaces/" + ns + "/serviceentries?dryRun=All", "POST",
        json);
    assertThat(kept).contains("\"name\":\"tls\"").doesNotContain("targetPort");
    MeshAnalyzer analyzer = MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.ServiceEntry"));
    assertThat(analyzer.analyzeYaml(json).findings()).isEmpty();
    assertThat(analyzer.analyzeYaml(json.replace("null", "0")).findings()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("target port 0 must be in the range 1..65535"));
  }
}
