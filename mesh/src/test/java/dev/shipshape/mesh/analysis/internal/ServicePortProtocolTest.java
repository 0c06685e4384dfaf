package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A Service port's protocol as Istio selects it ({@code ConvertProtocol} in istio/istio
 * {@code pkg/config/kube/conversion.go}), and the port-name analysis that reads it ({@code PortNameAnalyzer}).
 */
class ServicePortProtocolTest {
  private static Optional<String> of(String name, String appProtocol) {
    return Protocols.of(8080, name, "TCP", appProtocol);
  }

  @Test
  void theNameNamesTheProtocolByItsPrefixInAnyCase() {
    assertThat(of("https-x", "")).contains("https");
    assertThat(of("HTTP-web", "")).contains("http");
    assertThat(of("tcp", "")).contains("tcp");
    assertThat(of("http_proxy-out", "")).contains("http_proxy");
    assertThat(of("GRPC-Web-api", "")).contains("grpc-web");
    assertThat(of("grpc-webby", "")).contains("grpc-web");
    assertThat(of("grpc-api", "")).contains("grpc");
    assertThat(of("web-http", "")).isEmpty();
    assertThat(of("httpweb", "")).isEmpty();
    assertThat(of("", "")).isEmpty();
    // HBONE is Istio's tunnel, which protocol.Parse does not know.
    assertThat(of("hbone", "")).isEmpty();
  }

  @Test
  void anAppProtocolIsReadInsteadOfTheNameWithoutFallingBackToIt() {
    assertThat(of("tcp", "http")).contains("http");
    assertThat(of("http", "hbone")).isEmpty();
    assertThat(of("http", "example.com/custom")).isEmpty();
    assertThat(of("web", "https-x")).contains("https");
    assertThat(of("tcp", "kubernetes.io/h2c")).contains("http2");
    assertThat(of("tcp", "kubernetes.io/ws")).contains("http");
    assertThat(of("tcp", "kubernetes.io/wss")).contains("https");
  }

  @Test
  void aUdpPortIsUdpAndAWellKnownPortWithoutProtocolTcp() {
    assertThat(Protocols.of(8080, "http", "UDP", "")).contains("udp");
    for (int port : List.of(25, 53, 3306, 27017)) {
      assertThat(Protocols.of(port, "db", "TCP", "")).as("port %d", port).contains("tcp");
      assertThat(Protocols.of(port, "db", "TCP", "http")).as("port %d", port).contains("http");
    }
    assertThat(Protocols.of(5432, "db", "TCP", "")).isEmpty();
  }

  /** Whatever the port's name, an appProtocol that names no protocol leaves the port's protocol to detection. */
  @Property(tries = 100)
  void anUnknownAppProtocolHidesTheName(@ForAll("names") String name, @ForAll("unknown") String appProtocol) {
    assertThat(of(name, appProtocol)).isEmpty();
  }

  /** Whatever the port's name, a known appProtocol is the protocol. */
  @Property(tries = 100)
  void aKnownAppProtocolIsTheProtocol(@ForAll("names") String name, @ForAll("known") String appProtocol) {
    assertThat(of(name, appProtocol)).contains(Protocols.fold(appProtocol));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("http", "https-web", "tcp", "grpc-web", "mongo", "web", "", "hbone", "TLS-x");
  }

  @Provide
  Arbitrary<String> unknown() {
    return Arbitraries.of("hbone", "example.com/custom", "websocket", "h2c", "kubernetes.io/grpc");
  }

  @Provide
  Arbitrary<String> known() {
    return Arbitraries.of(Protocols.ISTIO);
  }

  private static List<String> analyzed(String ports, String type) {
    String yaml = String.join("\n", "apiVersion: v1", "kind: Service", "metadata: {name: api, namespace: shop}",
        "spec: {type: " + type + ", externalName: api.example.com, ports: " + ports + "}");
    return MeshAnalyzer.only(List.of("service.PortNameAnalyzer")).analyzeYaml(yaml).findings().stream()
        .map(f -> f.equivalents().get(0) + " " + f.field().orElse("") + ": " + f.message())
        .collect(Collectors.toList());
  }

  @Test
  void theAnalysisWarnsOfAPortWhoseAppProtocolNamesNoProtocol() {
    assertThat(analyzed("[{name: http, port: 80, appProtocol: hbone}, {name: tcp-db, port: 5432}, "
        + "{name: dns, port: 53, protocol: UDP}, {name: db, port: 3306}]", "ClusterIP")).containsExactly(
        "IST0118 spec.ports[0]: port 80 named http does not follow the <protocol>[-<suffix>] naming convention, so "
            + "Istio has to detect the protocol");
  }

  @Test
  void theAnalysisWarnsOfAnExternalNamePortNamedTcpButNotOfOtherTcpPorts() {
    assertThat(analyzed("[{name: tcp, port: 443}, {name: tcp-db, port: 5432}, {name: db, port: 5433, "
        + "appProtocol: tcp}, {name: web, port: 8080}]", "ExternalName")).containsExactly(
        "IST0150 spec.ports[0]: port 443 named tcp of ExternalName Service shop/api names no protocol other than TCP,"
            + " so traffic may not be forwarded correctly",
        "IST0150 spec.ports[3]: port 8080 named web of ExternalName Service shop/api names no protocol other than TCP,"
            + " so traffic may not be forwarded correctly");
  }
}
