package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names of compiled objects are valid Kubernetes and Istio names, and the same in every run. */
class ObjectNamesTest {
  @Test
  void aWorkloadPolicyIsNamedAfterItsLabelValuesInTheOrderOfTheirKeys() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("version", "V1_legacy");
    labels.put("app", "web");
    labels.put("tier", "front");
    HasMetadata policy = MutualTls.forWorkload("shop", labels).compile(null).get(0);

    assertThat(policy.getMetadata().getName()).isEqualTo("mtls-web-front-v1-legacy");
  }

  @Test
  void aWorkloadPolicyWithoutLabelsIsRefused() {
    assertThatThrownBy(() -> MutualTls.forWorkload("shop", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MutualTls.forWorkload(\"shop\", {}): no pod labels, so the policy would select every pod of the "
            + "namespace — use MutualTls.forNamespace(\"shop\")");
  }

  @Test
  void aWildcardIngressHostGivesAGatewayNameIstioAccepts() {
    IngressGateway wildcard = IngressGateway.forHost("shop", "*.example.com").tlsSecret("tls").routeTo("web", 80);

    assertThat(wildcard.compile(null)).extracting(o -> o.getMetadata().getName())
        .containsExactly("wildcard-example-com-gateway", "wildcard-example-com-gateway");
  }

  @Test
  void anIngressHostTooLongForAGatewayNameIsReported() {
    String host = "a".repeat(50) + ".example.com";
    ClusterSpec spec = MeshFixtures.spec()
        .preExistingResource(ResourceRef.core("Secret", "istio-system", "tls"))
        .component(IngressGateway.forHost("shop", host).tlsSecret("tls").routeTo("web", 80)).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).filteredOn(p -> p.field().orElse("").equals("metadata.name"))
            .extracting(Problem::message).containsExactly("the Gateway's name " + "a".repeat(50)
                + "-example-com-gateway, made from host " + host + ", is not a DNS label (at most 63 lower-case "
                + "letters, digits and '-'), so Istio refuses it"));
  }
}
