package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The destinations of a VirtualService's routes and mirrors, with the field each sits at. */
final class Routes {
  /** One destination: the {@code destination} node and its field path. */
  static final class Destination {
    private final JsonNode node;
    private final String field;

    Destination(JsonNode node, String field) {
      this.node = node;
      this.field = field;
    }

    String host() {
      return Json.text(node.path("host"));
    }

    String subset() {
      return Json.text(node.path("subset"));
    }

    /** The port number, or 0 when the destination names none. */
    int port() {
      return node.path("port").path("number").asInt(0);
    }

    String field() {
      return field;
    }
  }

  private Routes() {}

  /** The destinations of {@code http}, {@code tcp} and {@code tls} routes. */
  static List<Destination> routeDestinations(MeshObject vs) {
    List<Destination> out = new ArrayList<>();
    for (String protocol : new String[] {"http", "tcp", "tls"}) {
      List<JsonNode> rules = Json.list(vs.spec().path(protocol));
      for (int r = 0; r < rules.size(); r++) {
        List<JsonNode> routes = Json.list(rules.get(r).path("route"));
        for (int d = 0; d < routes.size(); d++) {
          JsonNode dest = routes.get(d).path("destination");
          if (dest.isObject()) {
            out.add(new Destination(dest, "spec." + protocol + "[" + r + "].route[" + d + "].destination"));
          }
        }
      }
    }
    return out;
  }

  /** The destinations of HTTP {@code mirror} and {@code mirrors}. */
  static List<Destination> mirrorDestinations(MeshObject vs) {
    List<Destination> out = new ArrayList<>();
    List<JsonNode> rules = Json.list(vs.spec().path("http"));
    for (int r = 0; r < rules.size(); r++) {
      JsonNode mirror = rules.get(r).path("mirror");
      if (mirror.isObject()) out.add(new Destination(mirror, "spec.http[" + r + "].mirror"));
      List<JsonNode> mirrors = Json.list(rules.get(r).path("mirrors"));
      for (int m = 0; m < mirrors.size(); m++) {
        JsonNode dest = mirrors.get(m).path("destination");
        if (dest.isObject()) out.add(new Destination(dest, "spec.http[" + r + "].mirrors[" + m + "].destination"));
      }
    }
    return out;
  }

  /**
   * The namespace and name of a gateway reference made in a namespace: {@code ns/name} as given, a bare
   * {@code name} in the referring namespace.
   */
  static String[] gatewayName(String namespace, String reference) {
    int slash = reference.indexOf('/');
    return slash < 0
        ? new String[] {namespace, reference}
        : new String[] {reference.substring(0, slash), reference.substring(slash + 1)};
  }
}
