package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The port numbers of a Kubernetes Service ({@code spec.ports[].port}), in the order the Service lists them, as
 * planning, the analyzers and {@code mesh route} read them. A port entry without a number is no port a route can
 * name, and is left out.
 */
public final class ServicePorts {
  private ServicePorts() {}

  /** The port numbers of the Service whose object (as written, or converted to a tree) is {@code service}. */
  public static List<Integer> of(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode p : Json.list(service.path("spec").path("ports"))) {
      int number = p.path("port").asInt(0);
      if (number != 0) ports.add(number);
    }
    return List.copyOf(ports);
  }
}
