package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of Istio's validation of a Gateway server's port and bind address, all errors: istiod's webhook refuses
 * the Gateway ({@code validateServerPort}, {@code validateServerBind} and {@code ValidateGateway} in istio/istio
 * {@code pkg/config/validation/validation.go}, as of Istio 1.27):
 * <ul>
 *   <li>a port is required; its protocol is one that {@code protocol.Parse} knows ({@link Protocols#ISTIO}, in any
 *       case, as {@link Protocols} folds it); its number is 1 to 65535, or 0 on a Unix domain socket; it has no
 *       {@code targetPort}; it has a name;</li>
 *   <li>a {@code bind} of {@code unix://} names a socket (an absolute path or an abstract {@code @name}) and takes
 *       port number 0; any other {@code bind} is an IP address;</li>
 *   <li>no two servers of a Gateway name their ports alike.</li>
 * </ul>
 * An unknown protocol is refused here, unlike on a Service port, whose protocol Istio then detects from the traffic:
 * the Gateway never reaches the gateway's pods. Istio's message for it lists fewer protocols than {@code protocol.Parse} knows, so the
 * message here names the protocol and the fix lists them all; an empty one is "protocol is required", as the CRD
 * requires the field.
 *
 * <p>Beyond the validation, a warning: a server of protocol UDP passes it, but the gateway never receives UDP on
 * it, as istiod builds the listeners of every server port on TCP ({@code buildGatewayListeners} in
 * {@code pilot/pkg/networking/core/gateway.go} builds them for the TCP transport, and for QUIC only from HTTPS
 * servers; the proxies carry no UDP, istio/istio#1430).
 */
final class ServerPortRules {
  private static final String UNIX = "unix://";

  private ServerPortRules() {}

  /**
   * Checks the port of {@code server} at {@code at} (such as {@code spec.servers[0]}) as {@code validateServerPort}
   * does, and returns whether it is valid: only then does Istio judge the server's protocol against its TLS
   * settings.
   */
  static boolean port(JsonNode server, String at, RuleSink out) {
    JsonNode port = server.path("port");
    if (!port.isObject()) {
      out.error(at + ".port", "port is required", "give the server a port with a number, a name and a protocol");
      return false;
    }
    boolean valid = true;
    String protocol = Json.text(port.path("protocol"));
    long number = port.path("number").asLong(0);
    if (!Protocols.known(protocol)) {
      valid = false;
      out.error(at + ".port.protocol", protocol.isEmpty() ? "protocol is required"
          : "invalid protocol \"" + protocol + "\"", "use a protocol Istio knows, in any case: "
          + String.join(", ", Protocols.ISTIO) + " (HTTPS or TLS for a server with TLS settings)");
    } else if (Protocols.udp(protocol)) {
      out.warning(at + ".port.protocol", "Istio accepts protocol " + protocol + ", but the gateway builds no UDP "
          + "listener for the server: istiod builds every Gateway server as a TCP listener, so UDP datagrams to "
          + "port " + number + " are not received", "send UDP to the application's pods through a Service of its "
          + "own (type LoadBalancer or NodePort), not through the gateway; or serve the port with TCP");
    }
    if (number != 0 || !Json.text(server.path("bind")).startsWith(UNIX)) {
      if (number < 1 || number > 65535) {
        valid = false;
        out.error(at + ".port.number", "port number " + number + " must be in the range 1..65535",
            "give the port the gateway listens on");
      }
    }
    if (port.path("targetPort").asLong(0) > 0) {
      valid = false;
      out.error(at + ".port.targetPort", "targetPort has no impact on Gateways", "remove targetPort: the gateway's "
          + "pods listen on port.number, and the Service in front of them maps its own ports to it");
    }
    if (Json.text(port.path("name")).isEmpty()) {
      valid = false;
      String suggested = (protocol.isEmpty() ? "port" : protocol.toLowerCase(Locale.ROOT).replace('_', '-')) + "-"
          + number;
      out.error(at + ".port.name", "port name must be set: number " + number + ", protocol \"" + protocol + "\"",
          "name the port, such as " + suggested + ", a name no other server of the Gateway gives its port");
    }
    return valid;
  }

  /** Checks the {@code bind} address of {@code server} at {@code at}, as {@code validateServerBind} does. */
  static void bind(JsonNode server, String at, RuleSink out) {
    String bind = Json.text(server.path("bind"));
    if (bind.startsWith(UNIX)) {
      ServiceEntryRules.unixPath(bind.substring(UNIX.length())).ifPresent(problem -> out.error(at + ".bind",
          problem, "give the absolute path of the socket, such as unix:///var/run/gateway.sock, or an abstract "
              + "socket, such as unix://@gateway"));
      long number = server.path("port").path("number").asLong(0);
      if (server.path("port").isObject() && number != 0) {
        out.error(at + ".port.number", "port number must be 0 for unix domain socket: number " + number,
            "set port.number to 0, as the server listens on the socket " + bind + " and on no port; or bind it to "
                + "an IP address to listen on port " + number);
      }
    } else if (!bind.isEmpty()) {
      ServiceEntryRules.ip(bind).ifPresent(problem -> out.error(at + ".bind", problem, "bind the server to an IP "
          + "address of the gateway's pods or to a unix:// socket, or remove bind to listen on every address"));
    }
  }

  /**
   * Checks that no two servers at {@code servers} (the Gateway's {@code spec.servers}) name their ports alike, an
   * unset name included, as {@code ValidateGateway} does.
   */
  static void uniqueNames(JsonNode servers, RuleSink out) {
    Map<String, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      JsonNode port = servers.get(i).path("port");
      if (!port.isObject()) continue;
      String name = Json.text(port.path("name"));
      Integer first = firstAt.putIfAbsent(name, i);
      if (first != null) {
        out.error("spec.servers[" + i + "].port.name", "port names in servers must be unique: duplicate name "
                + (name.isEmpty() ? "\"\"" : name) + ", already the name of spec.servers[" + first + "].port",
            "give each server's port its own name");
      }
    }
  }
}
