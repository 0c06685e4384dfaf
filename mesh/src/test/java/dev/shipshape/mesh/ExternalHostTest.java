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
    ClusterSpec spec = shop().component(ExternalHost.of("shop", "web").port(0, "TLS").port(8443, "quic")
        .port(6379, "REDIS")).build();
    assertThatThrownBy(spec::plan)
        .hasMessageContaining("host web is a name inside the cluster, not an external host")
        .hasMessageContaining("spec.ports[0].number: port \"tls-0\" (ports[0], number 0): port number 0 must "
            + "be in the range 1..65535")
        .hasMessageContaining("spec.ports[1].protocol: port \"quic-8443\" (ports[1], number 8443): unsupported "
            + "protocol: QUIC — use one of HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, "
            + "REDIS, MYSQL, or leave it unset for protocol detection")
        .satisfies(e -> assertThat(((SpecValidationException) e).problems()).hasSize(3));
  }

  /** Istio's protocol.Parse ignores case; a port name is a DNS label, so HTTP_PROXY's underscore becomes '-'. */
  @Test
  void everyProtocolIstioKnowsIsTakenInAnyCaseAndNamesAValidPort() {
    ExternalHost host = ExternalHost.of("shop", "api.payments.example").port(443, "tls").port(3128, "HTTP_PROXY")
        .port(53, "udp").port(6379, "Redis").port(3306, "MYSQL").port(8080, "grpc-web");
    assertThat(problems(host)).isEmpty();
    String yaml = Manifests.toYaml(host.compile(null).get(0));
    assertThat(yaml).contains("name: tls-443", "protocol: TLS", "name: http-proxy-3128", "protocol: HTTP_PROXY",
        "name: udp-53", "protocol: UDP", "name: redis-6379", "protocol: REDIS", "name: grpc-web-8080",
        "protocol: GRPC-WEB");
  }

  private static List<String> problems(ExternalHost... hosts) {
    try {
      Plan plan = shop().component(hosts).build().plan();
      return plan.warnings().stream().map(Object::toString).filter(w -> w.contains("ServiceEntry"))
          .collect(Collectors.toList());
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Object::toString).collect(Collectors.toList());
    }
  }

  @Test
  void addressesAreIpAddressesOrCidrBlocksAndCidrBlocksAreNotResolvedByDns() {
    List<String> found = problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TCP")
        .addresses("10.0.0.300", "10.1.0.0/33", "db.legacy.example", "10.2.0.0/16", "2001:db8::/32"));
    assertThat(found).hasSize(4).allSatisfy(p -> assertThat(p).contains("shop/db.legacy.example spec.addresses"));
    assertThat(String.join("\n", found)).contains(
        "spec.addresses[0]: 10.0.0.300 is not a valid IP",
        "spec.addresses[1]: 10.1.0.0/33 is not a valid CIDR block",
        "spec.addresses[2]: db.legacy.example is not a valid IP",
        "give an IP address such as 192.0.2.10 or a CIDR block such as 192.0.2.0/24",
        "spec.addresses: CIDR addresses are allowed only for NONE/STATIC resolution types",
        "set resolution NONE (or STATIC with endpoints), or give single IP addresses");

    assertThat(problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TCP")
        .addresses("10.2.0.0/16", "2001:db8::/32", "192.0.2.10", "::1").resolution(HostResolution.STATIC)
        .endpoints("10.2.0.5", "2001:db8::5"))).isEmpty();
  }

  @Test
  void endpointsFollowTheResolution() {
    assertThat(problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TLS")
        .resolution(HostResolution.STATIC).endpoints("db1.legacy.example", "10.0.0.5")))
        .singleElement().asString().contains("spec.endpoints[0].address: endpoint address \"db1.legacy.example\" is "
            + "not a valid IP address", "give an IP address, or use resolution DNS for host names");
    assertThat(problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TLS")
        .resolution(HostResolution.NONE).endpoints("10.0.0.5")))
        .singleElement().asString().contains("spec.endpoints: no endpoints should be provided for resolution type "
            + "none");
    assertThat(problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TLS")
        .resolution(HostResolution.DNS_ROUND_ROBIN).endpoints("db1.legacy.example", "db2.legacy.example")))
        .singleElement().asString().contains("there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN");
    assertThat(problems(ExternalHost.of("shop", "db.legacy.example").port(5432, "TLS")
        .resolution(HostResolution.DNS).endpoints("db1.legacy.example", "10.0.0.5", "db_1.legacy.example")))
        .singleElement().asString().contains("spec.endpoints[2].address: endpoint address \"db_1.legacy.example\" "
            + "is not a valid FQDN or an IP address");
  }

  @Test
  void hostsFollowIstiosWildcardRules() {
    assertThat(problems(ExternalHost.of("shop", "*"))).singleElement().asString()
        .contains("spec.hosts[0]: invalid host *");
    assertThat(problems(ExternalHost.of("shop", "api*.example.com"))).hasSize(2).first().asString()
        .contains("domain name \"api*.example.com\" invalid (label \"api*\" invalid)");
    assertThat(problems(ExternalHost.of("shop", "*api.example.com"))).singleElement().asString()
        .contains("spec.hosts[0]: partial wildcard \"*api.example.com\" not allowed");
    assertThat(problems(ExternalHost.of("shop", "*.example.com").resolution(HostResolution.DNS)))
        .singleElement().asString().contains("spec.hosts[0]: hosts must be FQDN if no endpoints are provided for "
            + "resolution mode DNS", "give a host without wildcard, add endpoints, or use resolution NONE");
    assertThat(problems(ExternalHost.of("shop", "*.example.com").resolution(HostResolution.DNS)
        .endpoints("proxy.example.com"), ExternalHost.of("shop", "*.example.org"))).isEmpty();
  }

  @Test
  void aTcpPortWithoutAddressesThatIstioCannotAllocateIsAWarning() {
    assertThat(problems(ExternalHost.of("shop", "*.example.net").port(5432, "TCP"))).singleElement().asString()
        .startsWith("WARNING").contains("spec.ports[0]: port \"tcp-5432\" (ports[0], number 5432): addresses are "
            + "required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled",
            "on port 5432");
    // With DNS resolution Istio allocates an address itself.
    assertThat(problems(ExternalHost.of("shop", "db.example.net").port(5432, "TCP"),
        ExternalHost.of("shop", "*.example.org").port(5432, "TCP").addresses("192.0.2.0/24"))).isEmpty();
  }
}
