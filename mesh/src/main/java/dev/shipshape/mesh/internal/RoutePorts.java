package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.mesh.analysis.internal.ServicePorts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The port of a VirtualService destination that is a Service of the spec, as Istio's analysis checks it: a port
 * that is given must be one of the Service's ({@code IST0101}; an error, the requests fail), and a Service with
 * several ports needs one ({@code IST0112}, an error of {@code istioctl analyze}; a warning here, as Istio accepts
 * such a route and applies its rules to every port of the Service). Istio's Destination.port: "If a service
 * exposes only a single port it is not required to explicitly select the port"
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination).
 */
final class RoutePorts {
  private RoutePorts() {}

  /** The problems of {@code target} of VirtualService {@code vs}, routed to {@code service}. */
  static List<Problem> check(ResourceRef vs, RouteTarget target, HasMetadata service) {
    List<Integer> ports = ServicePorts.of(service);
    String at = target.at();
    int port = target.port();
    String name = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    List<Problem> problems = new ArrayList<>();
    if (port == 0 && ports.size() > 1) {
      problems.add(Problem.warning(vs, at + ".port", "the route names no port of Service " + name + ", which has "
              + "the ports " + ports + ": Istio applies its rules to every one of them (IST0112, an error of "
              + "istioctl analyze)",
          "name one of " + ports + ": TrafficRoutes.forService(\"" + service.getMetadata().getNamespace() + "\", \""
              + service.getMetadata().getName() + "\").port(" + ports.get(0) + "), or destination.port.number in "
              + "the VirtualService"));
    } else if (port != 0 && !ports.isEmpty() && !ports.contains(port)) {
      problems.add(Problem.error(vs, at + ".port", "the route names port " + port + " of Service " + name
              + ", which has no such port (its ports: " + ports + "): Istio has no destination for it and the "
              + "requests fail",
          "use one of the Service's ports " + ports));
    }
    return problems;
  }
}
