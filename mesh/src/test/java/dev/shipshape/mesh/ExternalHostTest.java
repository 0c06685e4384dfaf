package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExternalHostTest {
  private static final String PAYMENTS_ROUTE = String.join("\n",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: payments, namespace: shop}",
      "spec:", "  hosts: [api.payments.example]",
      "  http: [{timeout: 3s, route: [{destination: {host: api.payments.example}}]}]",
      "  tcp: [{route: [{destination: {host: ledger.example.net}}]}]", "");

  private static ClusterSpec.Builder shop() {
    return ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).preExistingCrd(IstioCrds.all());
  }

  @Test
  void aRouteToAnUndeclaredExternalHostIsAPlanErrorWithTheFix() {
    ClusterSpec spec = shop().yaml(PAYMENTS_ROUTE).build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("spec.http[0].route[0].destination.host: host api.payments.example is neither a "
            + "Service of the spec nor declared external nor a host of a ServiceEntry of the spec, so Istio has no "
            + "route to it")
        .hasMessageContaining("add ExternalHost.of(\"shop\", \"api.payments.example\") (a ServiceEntry) to the "
            + "spec, or declare a ServiceEntry installed otherwise with preExistingResource(ExternalHost.declared("
            + "\"shop\", \"api.payments.example\"))")
        .hasMessageContaining("spec.tcp[0].route[0].destination.host: host ledger.example.net is neither");
  }

  @Test
  void aServiceEntryOfTheSpecOrADeclaredOneMakesTheHostKnown() {
    Plan plan = shop().yaml(PAYMENTS_ROUTE)
        .component(ExternalHost.of("shop", "api.payments.example").port(443, "TLS").port(80, "HTTP"),
            ExternalHost.of("shop", "*.example.net").port(5432, "TCP"))
        .build().plan();
    List<HasMetadata> entries = plan.resources().stream().map(PlannedResource::object)
        .filter(o -> o instanceof ServiceEntry).collect(Collectors.toList());
    assertThat(entries).extracting(e -> e.getMetadata().getName())
        .containsExactly("api.payments.example", "wildcard.example.net");
    assertThat(KubernetesSchemas.load().validateAll(entries)).isEmpty();
    assertThat(Manifests.toYaml(entries.get(1))).contains("resolution: NONE", "location: MESH_EXTERNAL",
        "name: tcp-5432");

    ClusterSpec declared = shop().yaml(PAYMENTS_ROUTE)
        .preExistingResource(ExternalHost.declared("shop", "api.payments.example"),
            ExternalHost.declared("istio-system", "ledger.example.net"))
        .build();
    assertThat(declared.plan().resources()).isNotEmpty();
  }

  @Test
  void aMissingServiceInTheSpecsNamespaceIsAnErrorElsewhereAWarning() {
    String mirror = String.join("\n",
        "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
        "spec:", "  hosts: [web]",
        "  http: [{route: [{destination: {host: web}}], mirror: {host: cart}}, "
            + "{route: [{destination: {host: search.catalog.svc.cluster.local}}]}]", "");
    assertThatThrownBy(shop().yaml(mirror).build()::plan)
        .hasMessageContaining("spec.http[0].mirror.host: host cart.shop.svc.cluster.local is no Service of the "
            + "spec, nor declared external, nor a host of a ServiceEntry of the spec; namespace shop is created by "
            + "this spec, so the Service cannot exist yet")
        .hasMessageContaining("add Service shop/cart to the spec, or declare it with preExistingResource; for a "
            + "host outside the cluster add ExternalHost.of(\"shop\", \"cart\")")
        .hasMessageNotContaining("destination.host: host web.shop");

    Plan plan = shop().yaml(mirror.replace(", mirror: {host: cart}", "")).build().plan();
    assertThat(plan.warnings()).extracting(Object::toString).anySatisfy(w -> assertThat(w).contains(
        "host search.catalog.svc.cluster.local is no Service of the spec", "namespace catalog is not created by "
            + "this spec, so the cluster may hold it"));
  }

  @Test
  void anExternalHostNeedsAnExternalNameAndValidPorts() {
    ClusterSpec spec = shop().component(ExternalHost.of("shop", "web").port(0, "TLS").port(8443, "QUIC")).build();
    assertThatThrownBy(spec::plan)
        .hasMessageContaining("host web is a name inside the cluster, not an external host")
        .hasMessageContaining("port 0 is not between 1 and 65535")
        .hasMessageContaining("protocol 'QUIC' is none of [GRPC, HTTP, HTTP2, HTTPS, MONGO, TCP, TLS]");
  }
}
