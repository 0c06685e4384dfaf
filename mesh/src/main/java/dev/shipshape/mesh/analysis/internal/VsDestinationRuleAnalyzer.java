package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashSet;
import java.util.Set;

/**
 * Every subset a VirtualService routes or mirrors to is defined by a DestinationRule for that host
 * ({@code IST0101}). Hosts are compared as the Services they name, so {@code reviews} and
 * {@code reviews.default.svc.cluster.local} are one host in {@code default}.
 */
final class VsDestinationRuleAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "virtualservice.DestinationRuleAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("VirtualService", "DestinationRule");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    Set<String> subsets = new HashSet<>();
    for (MeshObject dr : index.all("DestinationRule")) {
      String host = Hosts.serviceKey(dr.namespace(), Json.text(dr.spec().path("host")));
      for (var subset : Json.list(dr.spec().path("subsets"))) {
        subsets.add(host + "+" + Json.text(subset.path("name")));
      }
    }
    for (MeshObject vs : index.all("VirtualService")) {
      for (Routes.Destination d : Routes.routeDestinations(vs)) check(vs, d, "host+subset", subsets, out);
      for (Routes.Destination d : Routes.mirrorDestinations(vs)) check(vs, d, "mirror+subset", subsets, out);
    }
  }

  private static void check(MeshObject vs, Routes.Destination d, String what, Set<String> subsets, Reporter out) {
    if (d.subset().isEmpty()) return;
    if (subsets.contains(Hosts.serviceKey(vs.namespace(), d.host()) + "+" + d.subset())) return;
    out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, vs, d.field() + ".subset",
        "referenced " + what + " not found: \"" + d.host() + "+" + d.subset() + "\"",
        "define subset " + d.subset() + " in the DestinationRule for host " + d.host() + ", or route to an existing one");
  }
}
