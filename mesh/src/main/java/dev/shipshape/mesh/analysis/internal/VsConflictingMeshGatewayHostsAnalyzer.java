package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VirtualServices bound to the {@code mesh} gateway (by name, or by naming no gateway) that declare the same host
 * for the same namespaces ({@code IST0109}). A host exported to all namespaces conflicts with a matching host
 * exported to any namespace.
 */
final class VsConflictingMeshGatewayHostsAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "virtualservice.ConflictingMeshGatewayHostsAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("VirtualService");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    Map<String, List<MeshObject>> byScopedHost = new LinkedHashMap<>();
    for (MeshObject vs : index.all("VirtualService")) {
      List<String> gateways = Json.strings(vs.spec().path("gateways"));
      if (!gateways.isEmpty() && !gateways.contains(VsGatewayAnalyzer.MESH)) continue;
      for (String scope : vs.exportScopes(Json.strings(vs.spec().path("exportTo")))) {
        for (String host : Json.strings(vs.spec().path("hosts"))) {
          byScopedHost.computeIfAbsent(scope + "/" + Hosts.fqdn(vs.namespace(), host), k -> new ArrayList<>())
              .add(vs);
        }
      }
    }
    // The hosts exported to all namespaces, to find those that match a host without comparing it with each.
    HostIndex<List<MeshObject>> exportedToAll = new HostIndex<>();
    byScopedHost.forEach((k, v) -> {
      if (k.startsWith("*/")) exportedToAll.add("*", k.substring(2), v);
    });
    Set<String> reported = new HashSet<>();
    for (Map.Entry<String, List<MeshObject>> e : byScopedHost.entrySet()) {
      String scope = e.getKey().substring(0, e.getKey().indexOf('/'));
      String host = e.getKey().substring(e.getKey().indexOf('/') + 1);
      Set<MeshObject> conflicting = new LinkedHashSet<>(e.getValue());
      if (!scope.equals("*")) exportedToAll.matching("*", host).forEach(conflicting::addAll);
      if (conflicting.size() < 2) continue;
      String names = conflicting.stream().map(MeshObject::fullName).collect(Collectors.joining(","));
      for (MeshObject vs : conflicting) {
        if (!reported.add(vs.origin())) continue;
        out.report(IstioMessage.CONFLICTING_MESH_GATEWAY_VIRTUAL_SERVICE_HOSTS, vs, "metadata.name",
            "the VirtualServices " + names + " associated with mesh gateway define the same host "
                + e.getKey() + " which can lead to undefined behavior",
            "merge the VirtualServices into one, or narrow their exportTo so that they are not visible together");
      }
    }
  }
}
