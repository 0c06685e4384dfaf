package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualService's destination and mirror hosts are Services or ServiceEntries ({@code IST0101}), with the port it
 * names ({@code IST0101}) or one port only when it names none ({@code IST0112}); and a gateway-bound route to a host
 * without subset, while another VirtualService splits that host by subset, is reported ({@code IST0140}): the
 * subset rules do not apply to traffic that enters through the gateway.
 */
final class VsDestinationHostAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "virtualservice.DestinationHostAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("VirtualService", "Service", "ServiceEntry");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    ServiceRegistry registry = new ServiceRegistry(index);
    // The VirtualServices that split a host of their own by subset, by that host, in input order.
    Map<String, Set<MeshObject>> splittingByHost = new HashMap<>();
    for (MeshObject vs : index.all("VirtualService")) {
      List<String> hosts = Json.strings(vs.spec().path("hosts"));
      for (Routes.Destination d : Routes.routeDestinations(vs)) {
        if (d.field().startsWith("spec.http") && !d.subset().isEmpty() && hosts.contains(d.host())) {
          splittingByHost.computeIfAbsent(d.host(), h -> new LinkedHashSet<>()).add(vs);
        }
      }
    }
    for (MeshObject vs : index.all("VirtualService")) {
      for (Routes.Destination d : Routes.routeDestinations(vs)) checkHost(vs, d, "host", registry, out);
      for (Routes.Destination d : Routes.mirrorDestinations(vs)) checkHost(vs, d, "mirror host", registry, out);
      if (Json.list(vs.spec().path("gateways")).isEmpty()) continue;
      for (Routes.Destination d : Routes.routeDestinations(vs)) {
        if (!d.field().startsWith("spec.http") || !d.subset().isEmpty()) continue;
        for (MeshObject other : splittingByHost.getOrDefault(d.host(), Set.of())) {
          out.report(IstioMessage.INGRESS_ROUTE_RULES_NOT_AFFECTED, vs, d.field() + ".host",
              "the subset rules of VirtualService " + other.fullName() + " do not apply to traffic that enters"
                  + " through the gateway of VirtualService " + vs.fullName(),
              "route to the subsets in the gateway-bound VirtualService too");
        }
      }
    }
  }

  static void checkHost(MeshObject vs, Routes.Destination d, String what, ServiceRegistry registry,
      Reporter out) {
    Optional<ServiceRegistry.Entry> entry = registry.lookup(vs.namespace(), d.host());
    if (entry.isEmpty()) {
      out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, vs, d.field() + ".host",
          "referenced " + what + " not found: \"" + d.host() + "\"",
          "create a Service or ServiceEntry for " + d.host() + ", or fix the host");
      return;
    }
    List<Integer> ports = entry.get().ports();
    if (d.port() == 0) {
      if (ports.size() > 1) {
        out.report(IstioMessage.VIRTUAL_SERVICE_DESTINATION_PORT_SELECTOR_REQUIRED, vs, d.field() + ".port",
            "this VirtualService routes to a service \"" + d.host() + "\" that exposes multiple ports " + ports
                + ". Specifying a port in the destination is required to disambiguate.",
            "set port.number to one of " + ports);
      }
    } else if (!ports.contains(d.port())) {
      out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, vs, d.field() + ".port",
          "referenced host:port not found: \"" + d.host() + ":" + d.port() + "\"",
          "use one of the ports " + ports);
    }
  }
}
