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
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Conflicting mesh hosts are those a comparison of every host with every host exported to all finds. */
class VsConflictingMeshGatewayHostsAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryHostWithEveryExportedHostReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new VsConflictingMeshGatewayHostsAnalyzer(),
        VsConflictingMeshGatewayHostsAnalyzerTest::reference, objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(8, "VirtualService");
  }

  private static void reference(MeshIndex index, Reporter out) {
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
    Set<String> reported = new HashSet<>();
    for (Map.Entry<String, List<MeshObject>> e : byScopedHost.entrySet()) {
      String scope = e.getKey().substring(0, e.getKey().indexOf('/'));
      String host = e.getKey().substring(e.getKey().indexOf('/') + 1);
      Set<MeshObject> conflicting = new LinkedHashSet<>(e.getValue());
      if (!scope.equals("*")) {
        byScopedHost.forEach((k, v) -> {
          if (k.startsWith("*/") && Hosts.matches(host, k.substring(2))) conflicting.addAll(v);
        });
      }
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
