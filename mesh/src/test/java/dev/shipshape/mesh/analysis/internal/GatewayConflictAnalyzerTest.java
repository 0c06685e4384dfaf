package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Conflicting gateways are those a comparison of every server with every other server finds, in that order. */
class GatewayConflictAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryPairOfServersReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new GatewayConflictAnalyzer(), GatewayConflictAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "Gateway", "Gateway", "Pod");
  }

  private static void reference(MeshIndex index, Reporter out) {
    List<MeshObject> gateways = index.all("Gateway");
    for (MeshObject gateway : gateways) {
      for (JsonNode server : Json.list(gateway.spec().path("servers"))) {
        int port = server.path("port").path("number").asInt();
        List<String> hosts = Json.strings(server.path("hosts"));
        List<String> conflicting = new ArrayList<>();
        for (MeshObject other : gateways) {
          if (other == gateway || !sameWorkload(index, gateway, other)) continue;
          for (JsonNode otherServer : Json.list(other.spec().path("servers"))) {
            if (otherServer.path("port").path("number").asInt() != port) continue;
            if (overlap(hosts, Json.strings(otherServer.path("hosts")))) conflicting.add(other.fullName());
          }
        }
        if (conflicting.isEmpty()) continue;
        out.report(IstioMessage.CONFLICTING_GATEWAYS, gateway, "spec.servers",
            "conflict with gateways " + conflicting + " (workload selector " + Gateways.selectorString(gateway)
                + ", port " + port + ", hosts " + hosts + ")",
            "merge the servers into one Gateway, or give them distinct ports or hosts");
      }
    }
  }

  private static boolean sameWorkload(MeshIndex index, MeshObject a, MeshObject b) {
    if (Gateways.selector(a).equals(Gateways.selector(b))) return true;
    Set<String> common = podKeys(index, a);
    common.retainAll(podKeys(index, b));
    return !common.isEmpty();
  }

  private static Set<String> podKeys(MeshIndex index, MeshObject gateway) {
    Set<String> keys = new HashSet<>();
    for (MeshObject pod : index.all("Pod")) {
      if (Selectors.selects(Gateways.selector(gateway), pod.labels())) keys.add(pod.fullName());
    }
    return keys;
  }

  private static boolean overlap(List<String> a, List<String> b) {
    for (String x : a) {
      for (String y : b) {
        if (Hosts.matches(x, y)) return true;
      }
    }
    return false;
  }
}
