package dev.shipshape.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shipshape.core.Manifests;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec of an Istio object, converted alone, is the spec of the whole object converted. */
class IstioObjectsSpecTest {
  private static final String OBJECTS = String.join("\n",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
      "spec: {hosts: [web], http: [{match: [{headers: {x-beta: {exact: 'true'}}}], route: [{destination: {host: web,",
      "  subset: v2, port: {number: 80}}, weight: 10}, {destination: {host: web, subset: v1}, weight: 90}],",
      "  timeout: 2s, retries: {attempts: 3, perTryTimeout: 500ms}}], tcp: [{route: [{destination: {host: db}}]}]}",
      "---", "apiVersion: networking.istio.io/v1", "kind: ServiceEntry", "metadata: {name: api, namespace: shop}",
      "spec: {hosts: [api.example.com, '*.example.org'], ports: [{number: 443, name: tls, protocol: TLS,",
      "  targetPort: 8443}], resolution: DNS, endpoints: [{address: api.internal, ports: {tls: 9443}}]}",
      "---", "apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: web, namespace: shop}",
      "spec: {host: web, exportTo: ['.'], trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: s,",
      "  ttl: 0s}}}, tls: {mode: SIMPLE, credentialName: web-cacert}}, subsets: [{name: v1, labels: {v: '1'}}]}",
      "---", "apiVersion: networking.istio.io/v1alpha3", "kind: VirtualService",
      "metadata: {name: old, namespace: shop}", "spec: {hosts: [old], http: [{route: [{destination: {host: old}}]}]}",
      "");

  @Test
  void theSpecAloneIsTheSpecOfTheWholeObject() {
    List<HasMetadata> objects = Manifests.parse(OBJECTS);
    assertThat(objects).hasAtLeastOneElementOfType(VirtualService.class)
        .hasAtLeastOneElementOfType(ServiceEntry.class).hasAtLeastOneElementOfType(DestinationRule.class);
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setApiVersion("networking.istio.io/v1");
    generic.setKind("VirtualService");
    generic.setAdditionalProperty("spec", Map.of("hosts", List.of("web"), "tcp", List.of(Map.of("route",
        List.of(Map.of("destination", Map.of("host", "db", "port", Map.of("number", 5432))))))));
    for (HasMetadata object : List.of(objects.get(0), objects.get(1), objects.get(2), objects.get(3), generic)) {
      assertThat(IstioObjects.spec(object)).as(object.getKind() + " " + object.getClass().getSimpleName())
          .isEqualTo(Manifests.toTree(object).path("spec")).isNotEmpty();
    }
  }

  @Test
  void anObjectWithoutSpecHasAMissingOne() {
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setKind("VirtualService");
    assertThat(IstioObjects.spec(generic)).isEqualTo(MissingNode.getInstance());
    assertThat(IstioObjects.spec(new VirtualService())).isEqualTo(MissingNode.getInstance());
  }
}
