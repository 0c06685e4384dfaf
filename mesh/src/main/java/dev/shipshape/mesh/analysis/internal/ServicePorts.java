package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;

/**
 * The port numbers of a Kubernetes Service ({@code spec.ports[].port}), in the order the Service lists them, as
 * planning, the analyzers and {@code mesh route} read them. A port entry without a number is no port a route can
 * name, and is left out.
 */
public final class ServicePorts {
  private ServicePorts() {}

  /**
   * The port numbers of {@code service}: read from the typed model when it is one (planning meets a Service per
   * route, and converting each to a tree cost more than the rest of the route check), else from its tree.
   */
  public static List<Integer> of(HasMetadata service) {
    if (!(service instanceof Service typed)) return of(Manifests.toTree(service));
    List<Integer> ports = new ArrayList<>();
    if (typed.getSpec() != null && typed.getSpec().getPorts() != null) {
      for (ServicePort p : typed.getSpec().getPorts()) {
        if (p != null && p.getPort() != null && p.getPort() != 0) ports.add(p.getPort());
      }
    }
    return List.copyOf(ports);
  }

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
