package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two Gateways that select the same gateway workload (equal selectors, or a pod both select) and declare the same
 * port number with overlapping hosts ({@code IST0145}): only one of them takes effect.
 */
final class GatewayConflictAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "gateway.ConflictingGatewayAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Gateway", "Pod");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    List<MeshObject> gateways = index.all("Gateway");
    for (MeshObject gateway : gateways) {
      Set<String> pods = podKeys(index, gateway);
      for (JsonNode server : Json.list(gateway.spec().path("servers"))) {
        int port = server.path("port").path("number").asInt();
        List<String> hosts = Json.strings(server.path("hosts"));
        List<String> conflicting = new ArrayList<>();
        for (MeshObject other : gateways) {
          if (other == gateway || !sameWorkload(index, gateway, pods, other)) continue;
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

  private static boolean sameWorkload(MeshIndex index, MeshObject a, Set<String> podsOfA, MeshObject b) {
    if (Gateways.selector(a).equals(Gateways.selector(b))) return true;
    Set<String> common = new HashSet<>(podsOfA);
    common.retainAll(podKeys(index, b));
    return !common.isEmpty();
  }

  private static Set<String> podKeys(MeshIndex index, MeshObject gateway) {
    Set<String> keys = new HashSet<>();
    for (MeshObject pod : Gateways.pods(index, gateway)) keys.add(pod.fullName());
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
