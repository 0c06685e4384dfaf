package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Two Gateways that select the same gateway workload (equal selectors, or a pod both select) and declare the same
 * port number with overlapping hosts ({@code IST0145}): only one of them takes effect.
 */
final class GatewayConflictAnalyzer implements Analyzer {
  /** The server at position {@code server} of the gateway at position {@code gateway}. */
  private record Server(int gateway, int server) { }

  private static final Comparator<Server> IN_INPUT_ORDER =
      Comparator.comparingInt(Server::gateway).thenComparingInt(Server::server);

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
    List<Map<String, String>> selectors = new ArrayList<>();
    List<Set<String>> pods = new ArrayList<>();
    // Server hosts grouped by port number: only servers on one port can conflict.
    HostIndex<Server> hostsByPort = new HostIndex<>();
    for (int g = 0; g < gateways.size(); g++) {
      selectors.add(Gateways.selector(gateways.get(g)));
      pods.add(podKeys(index, gateways.get(g)));
      List<JsonNode> servers = Json.list(gateways.get(g).spec().path("servers"));
      for (int s = 0; s < servers.size(); s++) {
        for (String host : Json.strings(servers.get(s).path("hosts"))) {
          hostsByPort.add(port(servers.get(s)), host, new Server(g, s));
        }
      }
    }
    for (int g = 0; g < gateways.size(); g++) {
      MeshObject gateway = gateways.get(g);
      for (JsonNode server : Json.list(gateway.spec().path("servers"))) {
        List<String> hosts = Json.strings(server.path("hosts"));
        // The message names every conflicting gateway, so pairs remain, but only with servers on this port that
        // share a host with this one.
        SortedSet<Server> overlapping = new TreeSet<>(IN_INPUT_ORDER);
        for (String host : hosts) overlapping.addAll(hostsByPort.matching(port(server), host));
        List<String> conflicting = new ArrayList<>();
        for (Server other : overlapping) {
          int o = other.gateway();
          if (o == g || !sameWorkload(selectors.get(g), pods.get(g), selectors.get(o), pods.get(o))) continue;
          conflicting.add(gateways.get(o).fullName());
        }
        if (conflicting.isEmpty()) continue;
        out.report(IstioMessage.CONFLICTING_GATEWAYS, gateway, "spec.servers",
            "conflict with gateways " + conflicting + " (workload selector " + Gateways.selectorString(gateway)
                + ", port " + port(server) + ", hosts " + hosts + ")",
            "merge the servers into one Gateway, or give them distinct ports or hosts");
      }
    }
  }

  /** The server's port number, as the group of its hosts. */
  private static String port(JsonNode server) {
    return String.valueOf(server.path("port").path("number").asInt());
  }

  private static boolean sameWorkload(Map<String, String> selectorOfA, Set<String> podsOfA,
      Map<String, String> selectorOfB, Set<String> podsOfB) {
    if (selectorOfA.equals(selectorOfB)) return true;
    Set<String> fewer = podsOfA.size() <= podsOfB.size() ? podsOfA : podsOfB;
    Set<String> more = fewer == podsOfA ? podsOfB : podsOfA;
    for (String pod : fewer) {
      if (more.contains(pod)) return true;
    }
    return false;
  }

  private static Set<String> podKeys(MeshIndex index, MeshObject gateway) {
    Set<String> keys = new HashSet<>();
    for (MeshObject pod : Gateways.pods(index, gateway)) keys.add(pod.fullName());
    return keys;
  }
}
