package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DestinationRules and PeerAuthentications as the components compile them, sent to a real kube-apiserver serving
 * Istio's CRDs: the server keeps every field (its structural schema prunes unknown ones silently), and what its
 * schema and CEL rules refuse, planning refuses too, with Istio's words.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class TrafficPolicyControlPlaneTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> CRDS = List.of("destinationrules.networking.istio.io",
      "peerauthentications.security.istio.io");

  private static void install(KubernetesClient client, String namespace) {
    for (HasMetadata crd : Manifests.read(SharedData.require("k8s-reference/crds/istio"))) {
      if (CRDS.contains(crd.getMetadata().getName())) {
        CustomResourceDefinitions.install(client, (CustomResourceDefinition) crd);
      }
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(existing -> existing.update());
  }

  /** The object as a generic resource, so that the answer shows what the server keeps, not what fabric8 reads. */
  private static GenericKubernetesResource generic(HasMetadata object) {
    return MAPPER.convertValue(Manifests.toTree(object), GenericKubernetesResource.class);
  }

  private static String serverAnswer(KubernetesClient client, HasMetadata object) {
    try {
      GenericKubernetesResource kept = client.resource(generic(object)).dryRun().create();
      // Read back from text, so that a number compares equal whatever Java type held it.
      JsonNode sent = MAPPER.readTree(Manifests.toTree(object).path("spec").toString());
      JsonNode answer = MAPPER.readTree(Manifests.toTree(kept).path("spec").toString());
      return sent.equals(answer) ? "accepted" : "accepted, but kept " + answer + " of " + sent;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (KubernetesClientException e) {
      return e.getMessage();
    }
  }

  private static ClusterSpec spec(String ns, Component component) {
    return ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all()).preExistingNamespace(ns)
        .component(component).build();
  }

  @Test
  void everySettingCompiledIsKeptByTheServer(KubernetesClient client) {
    String ns = "dr-accepted";
    install(client, ns);
    List<Component> policies = List.of(
        TrafficPolicy.forService(ns, "web")
            .loadBalancer(LoadBalancer.consistentHashByCookie("session", "0s", "/shop").ringHash(4096))
            .connectionPool(ConnectionPool.defaults().maxConnections(100).connectTimeout("2s")
                .tcpKeepalive("300s", "30s", 3).maxConnectionDuration("1h").http1MaxPendingRequests(64)
                .http2MaxRequests(1000).maxRequestsPerConnection(100).maxRetries(3).idleTimeout("5m"))
            .outlierDetection(OutlierDetection.defaults().consecutive5xxErrors(5).consecutiveGatewayErrors(3)
                .consecutiveLocalOriginFailures(2).interval("10s").baseEjectionTime("30s").maxEjectionPercent(50)
                .minHealthPercent(30)),
        TrafficPolicy.forService(ns, "api")
            .loadBalancer(LoadBalancer.consistentHashByQueryParameter("tenant").maglev(65537)
                .localityFailover("us-east1", "us-west1").localityFailoverPriority("topology.istio.io/network"))
            .outlierDetection(OutlierDetection.defaults()),
        TrafficPolicy.forService(ns, "cart").loadBalancer(LoadBalancer.roundRobin()
            .localityDistribute("us-east1/*", Map.of("us-east1/*", 80, "us-west1/*", 20))),
        TrafficPolicy.forService(ns, "db").loadBalancer(LoadBalancer.consistentHashBySourceIp()),
        MutualTls.forWorkload(ns, Map.of("app", "web")).mode(MutualTls.Mode.UNSET)
            .port(9090, MutualTls.Mode.PERMISSIVE));
    for (Component component : policies) {
      HasMetadata object = component.compile(null).get(0);
      assertThat(serverAnswer(client, object)).as(component.name()).isEqualTo("accepted");
    }
  }

  @Test
  void whatTheServerRefusesPlanningRefusesToo(KubernetesClient client) {
    String ns = "dr-refused";
    install(client, ns);
    List<Component> refused = List.of(
        TrafficPolicy.forService(ns, "web").outlierDetection(OutlierDetection.defaults().consecutive5xxErrors(-5)),
        TrafficPolicy.forService(ns, "web").connectionPool(ConnectionPool.defaults().connectTimeout("500us")),
        TrafficPolicy.forService(ns, "web").connectionPool(ConnectionPool.defaults()
            .tcpKeepalive("300s", "30s", -1)),
        MutualTls.forNamespace(ns).port(8080, MutualTls.Mode.DISABLE),
        MutualTls.forWorkload(ns, Map.of("app", "web")).port(0, MutualTls.Mode.DISABLE),
        MutualTls.forWorkload(ns, Map.of("app", "w*b")));
    List<String> rules = List.of("should be greater than or equal to 0", "must be a valid duration greater than 1ms",
        "should be greater than or equal to 0", "portLevelMtls requires selector", "port must be between 1-65535",
        "wildcard not allowed in label value match");
    List<String> planned = List.of(
        "spec.trafficPolicy.outlierDetection.consecutive5xxErrors: consecutive5xxErrors -5 must be greater than or "
            + "equal to 0",
        "spec.trafficPolicy.connectionPool.tcp.connectTimeout: duration 500us is shorter than 1ms",
        "spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.probes: probes -1 must be greater than or equal to 0",
        "spec.portLevelMtls: mesh/namespace peer authentication cannot have port level mTLS",
        "spec.portLevelMtls.0: port must be in range 1..65535",
        "spec.selector.matchLabels: wildcard is not supported in selector: \"app=w*b\"");
    for (int i = 0; i < refused.size(); i++) {
      Component component = refused.get(i);
      HasMetadata object = component.compile(null).get(0);
      assertThat(serverAnswer(client, object)).as(component.name()).contains(rules.get(i));
      assertThatThrownBy(spec(ns, component)::plan).as(component.name())
          .isInstanceOf(SpecValidationException.class).hasMessageContaining(planned.get(i));
    }
  }

  /**
   * The CRD takes only strings as exportTo entries, and refuses a null, as planning does (with the check
   * {@code mesh-destination-rules}); it does not judge their case, and planning only warns of an upper-case entry,
   * which Istio's validation accepts and which names no namespace.
   */
  @Test
  void exportToEntriesAreStringsForTheServerAndForPlanning(KubernetesClient client) {
    String ns = "dr-export";
    install(client, ns);
    String rule = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: api, namespace: " + ns
        + "}\nspec: {host: api.example.com, exportTo: %s}\n";
    String withNull = rule.formatted("[edge, null]");
    assertThat(serverAnswer(client, Manifests.parse(withNull).get(0))).contains("spec.exportTo[1]",
        "must be of type string");
    assertThatThrownBy(ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all()).preExistingNamespace(ns)
        .yaml(withNull).build()::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("spec.exportTo[1]: exportTo entry null is not a string");
    String upper = rule.formatted("[edge, Team]");
    assertThat(serverAnswer(client, Manifests.parse(upper).get(0))).isEqualTo("accepted");
    assertThat(ClusterSpec.builder().name("shop").preExistingCrd(IstioCrds.all()).preExistingNamespace(ns)
        .yaml(upper).build().plan().warnings()).anySatisfy(p -> assertThat(p.message())
        .contains("exportTo entry \"Team\" names no namespace"));
  }
}
