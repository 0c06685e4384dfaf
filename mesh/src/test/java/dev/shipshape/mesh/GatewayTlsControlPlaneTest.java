package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
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
import org.junit.jupiter.api.Test;

/**
 * Gateways against a real kube-apiserver serving Istio's Gateway CRD, whose schema and CEL rules bound the lists of
 * certificates: a Gateway whose TLS settings the rules accept, the server accepts; what the server refuses, the
 * rules refuse too.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class GatewayTlsControlPlaneTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static void install(KubernetesClient client, String namespace) {
    for (HasMetadata crd : Manifests.read(SharedData.require("k8s-reference/crds/istio"))) {
      if (crd.getMetadata().getName().equals("gateways.networking.istio.io")) {
        CustomResourceDefinitions.install(client, (CustomResourceDefinition) crd);
      }
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(existing -> existing.update());
  }

  /** The server's answer to a dry-run create of the Gateway in {@code namespace}, sent as written. */
  private static String serverAnswer(KubernetesClient client, String namespace, String gateway) {
    HasMetadata object = Manifests.parse(gateway.replace("namespace: shop", "namespace: " + namespace)).get(0);
    try {
      client.resource(MAPPER.convertValue(Manifests.toTree(object), GenericKubernetesResource.class)).dryRun()
          .create();
      return "accepted";
    } catch (KubernetesClientException e) {
      return e.getMessage();
    }
  }

  private static boolean refusedByTheRules(String gateway) {
    return MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.Gateway")).analyzeYaml(gateway).failed();
  }

  @Test
  void aGatewayTheRulesAcceptTheServerAccepts(KubernetesClient client) {
    install(client, "gw-accepted");
    assertThat(refusedByTheRules(GatewayServerTlsTest.ACCEPTED)).isFalse();
    assertThat(serverAnswer(client, "gw-accepted", GatewayServerTlsTest.ACCEPTED)).isEqualTo("accepted");
  }

  @Test
  void whatTheServerRefusesTheRulesRefuse(KubernetesClient client) {
    install(client, "gw-refused");
    String pair = "{serverCertificate: /c.pem, privateKey: /k.pem}";
    String threeFiles = "[" + pair + ", " + pair + ", " + pair + "]";
    List<String> refused = List.of(
        GatewayServerTlsTest.gateway(GatewayServerTlsTest.server(443, "HTTPS",
            "{mode: SIMPLE, credentialNames: [a, b, c]}")),
        GatewayServerTlsTest.gateway(GatewayServerTlsTest.server(443, "HTTPS",
            "{mode: SIMPLE, tlsCertificates: " + threeFiles + "}")),
        GatewayServerTlsTest.gateway(GatewayServerTlsTest.server(443, "HTTPS",
            "{mode: SIMPLE, credentialName: a, credentialNames: [b]}")),
        GatewayServerTlsTest.gateway(GatewayServerTlsTest.server(443, "HTTPS",
            "{mode: SIMPLE, credentialNames: [a], tlsCertificates: [" + pair + "]}")));
    List<String> rules = List.of("must have at most 2 items", "must have at most 2 items",
        "only one of credentialName or credentialNames can be set",
        "only one of credentialNames or tlsCertificates can be set");
    for (int i = 0; i < refused.size(); i++) {
      assertThat(serverAnswer(client, "gw-refused", refused.get(i))).as(rules.get(i)).contains(rules.get(i));
      assertThat(refusedByTheRules(refused.get(i))).as(rules.get(i)).isTrue();
    }
  }
}
