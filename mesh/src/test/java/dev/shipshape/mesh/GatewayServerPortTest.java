package dev.shipshape.mesh;

import static dev.shipshape.mesh.GatewayServerTlsTest.gateway;
import static dev.shipshape.mesh.GatewayServerTlsTest.server;
import static dev.shipshape.mesh.GatewayServerTlsTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Gateway server's port and bind address as Istio's validation judges them ({@code validateServerPort},
 * {@code validateServerBind} and {@code ValidateGateway} in istio/istio {@code pkg/config/validation/validation.go}):
 * istiod's webhook refuses every problem here, so each is an error, from planning and the analyzer alike.
 */
class GatewayServerPortTest {
  private static final String PROTOCOLS = "use a protocol Istio knows, in any case: HTTP, HTTPS, HTTP2, GRPC, "
      + "GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL (HTTPS or TLS for a server with TLS settings)";

  @Test
  void aPortsProtocolIsOneIstioKnowsAndItsNameIsSetAndUniqueAmongTheServers() {
    assertThat(verdict(gateway(
        // An unknown protocol makes the port invalid: its TLS settings are then not judged against it.
        server(443, "QUIC", "{mode: SIMPLE, credentialName: edge-tls}"),
        "port: {number: 8080, name: web, protocol: ''}",
        server(5000, "udp", ""),
        "port: {number: 8443, protocol: TLS}, tls: {mode: PASSTHROUGH}",
        "port: {number: 9443, name: p443, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: edge-tls}",
        "port: {number: 8444, protocol: TLS}, tls: {mode: PASSTHROUGH}"))).containsExactlyInAnyOrder(
        "ERROR spec.servers[0].port.protocol: invalid protocol \"QUIC\" — " + PROTOCOLS,
        "ERROR spec.servers[1].port.protocol: protocol is required — " + PROTOCOLS,
        "WARNING spec.servers[2].port.protocol: Istio accepts protocol udp, but the gateway builds no UDP listener "
            + "for the server: istiod builds every Gateway server as a TCP listener, so UDP datagrams to port 5000 "
            + "are not received — send UDP to the application's pods through a Service of its own (type "
            + "LoadBalancer or NodePort), not through the gateway; or serve the port with TCP",
        "ERROR spec.servers[3].port.name: port name must be set: number 8443, protocol \"TLS\" — name the port, such "
            + "as tls-8443, a name no other server of the Gateway gives its port",
        "ERROR spec.servers[4].port.name: port names in servers must be unique: duplicate name p443, already the "
            + "name of spec.servers[0].port — give each server's port its own name",
        "ERROR spec.servers[5].port.name: port name must be set: number 8444, protocol \"TLS\" — name the port, such "
            + "as tls-8444, a name no other server of the Gateway gives its port",
        "ERROR spec.servers[5].port.name: port names in servers must be unique: duplicate name \"\", already the "
            + "name of spec.servers[3].port — give each server's port its own name");
  }

  @Test
  void aProtocolIsKnownWhenItsCodePointsLowerToAKnownNameAsGoLowersThem() {
    // İ lowers to i; ſ and ı upper-case to S and I but lower to themselves, so that Istio knows none of the two.
    assertThat(verdict(gateway(server(6379, "REDİS", ""), server(8080, "httpſ", ""), server(6380, "redıs", ""))))
        .containsExactlyInAnyOrder(
            "ERROR spec.servers[1].port.protocol: invalid protocol \"httpſ\" — " + PROTOCOLS,
            "ERROR spec.servers[2].port.protocol: invalid protocol \"redıs\" — " + PROTOCOLS);
  }

  @Test
  void planningShowsTheServersProblemsWithTheGatewayServersCheck() {
    List<Problem> problems;
    try {
      problems = MeshFixtures.spec().yaml(gateway(server(443, "QUIC", ""), server(80, "udp", ""))).build().plan()
          .warnings();
    } catch (SpecValidationException e) {
      problems = e.problems();
    }
    assertThat(problems).filteredOn(p -> p.resource().map(r -> r.kind().equals("Gateway")).orElse(false))
        .extracting(p -> p.component().orElse("") + " " + p.field().orElse(""))
        .containsExactlyInAnyOrder("mesh-gateway-servers spec.servers[0].port.protocol",
            "mesh-gateway-servers spec.servers[1].port.protocol");
  }

  @Test
  void aServerBoundToAUnixDomainSocketListensOnPortZeroAndAnyOtherBindIsAnIpAddress() {
    String portZero = " — set port.number to 0, as the server listens on the socket unix:///run/gw.sock and on no "
        + "port; or bind it to an IP address to listen on port ";
    String socket = " — give the absolute path of the socket, such as unix:///var/run/gateway.sock, or an abstract "
        + "socket, such as unix://@gateway";
    assertThat(verdict(gateway(
        "bind: 'unix:///run/gw.sock', " + server(8443, "TLS", "{mode: PASSTHROUGH}"),
        "bind: 'unix://@gw', port: {number: 0, name: abstract, protocol: HTTP}",
        "bind: 'unix://run/gw.sock', port: {number: 0, name: relative, protocol: TCP}",
        "bind: 'unix://', port: {number: 0, name: empty, protocol: TCP}",
        "bind: 127.0.0.1, " + server(8080, "HTTP", ""),
        "bind: 'fe80::1', " + server(8081, "HTTP", ""),
        "bind: gateway.local, " + server(8082, "HTTP", ""),
        "bind: 'unix:///run/gw.sock', port: {number: 70000, name: big, protocol: TCP}")))
        .containsExactlyInAnyOrder(
            "ERROR spec.servers[0].port.number: port number must be 0 for unix domain socket: number 8443" + portZero
                + "8443",
            "ERROR spec.servers[2].bind: run/gw.sock is not an absolute path to a file" + socket,
            "ERROR spec.servers[3].bind: unix address must not be empty" + socket,
            "ERROR spec.servers[6].bind: gateway.local is not a valid IP — bind the server to an IP address of the "
                + "gateway's pods or to a unix:// socket, or remove bind to listen on every address",
            "ERROR spec.servers[7].port.number: port number 70000 must be in the range 1..65535 — give the port the "
                + "gateway listens on",
            "ERROR spec.servers[7].port.number: port number must be 0 for unix domain socket: number 70000"
                + portZero + "70000");
  }
}
