package dev.shipshape.mesh.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.internal.Json;
import dev.shipshape.mesh.analysis.internal.MeshObject;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.Peer;
import dev.shipshape.networking.reach.ReachVerdict;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import dev.shipshape.networking.reach.SideVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether NetworkPolicies let a client workload open the connection a routed request needs. With a sidecar the
 * client's proxy connects straight to a pod of the destination (not to the Service's virtual IP), on the Service
 * port's {@code targetPort} (a named one resolved on the pod's containers), so that is the connection the
 * networking module's reachability is asked about, both the client's egress and the pod's ingress.
 */
final class NetworkPath {
  private final ReachabilityAnalyzer reach;
  private final Peer client;

  NetworkPath(ReachabilityAnalyzer reach, Peer client) {
    this.reach = reach;
    this.client = client;
  }

  Peer client() {
    return client;
  }

  /**
   * One line per port of {@code service} (only {@code port}, the port the request goes to; every port when it is
   * 0, not known) on which the client cannot reach {@code workload}, naming the policies that block it.
   */
  List<String> blocks(MeshObject service, int port, MeshObject workload, List<String> notes) {
    List<String> out = new ArrayList<>();
    Peer destination;
    try {
      destination = reach.peer(workload.namespace() + "/" + workload.name() + "[" + workload.kind() + "]");
    } catch (IllegalArgumentException e) {
      notes.add("NetworkPolicies not checked for " + workload.origin() + ": " + e.getMessage());
      return out;
    }
    for (JsonNode p : Json.list(service.spec().path("ports"))) {
      if (port != 0 && p.path("port").asInt() != port) continue;
      if (!Json.text(p.path("protocol")).isEmpty() && !Json.text(p.path("protocol")).equals("TCP")) continue;
      int target = targetPort(p, workload);
      if (target == 0) {
        notes.add(workload.origin() + " declares no container port named " + Json.text(p.path("targetPort")));
        continue;
      }
      ReachVerdict verdict = reach.canReach(client, destination, java.util.Optional.of(target), Protocol.TCP);
      if (verdict.allowed()) continue;
      List<String> by = new ArrayList<>();
      side(verdict.egress(), "egress of " + client, target, by);
      side(verdict.ingress(), "ingress of " + destination, target, by);
      out.add(workload.origin() + " port " + target + "/TCP: blocked by " + String.join("; ", by));
    }
    return out;
  }

  private static void side(SideVerdict side, String what, int port, List<String> by) {
    if (side.allowed().allows(Protocol.TCP, port)) return;
    by.add("NetworkPolicy " + String.join(", NetworkPolicy ", side.selectingPolicies()) + " (" + what + ")");
  }

  /** The container port a Service port sends to on this workload's pods; 0 when a named one is not declared. */
  private static int targetPort(JsonNode servicePort, MeshObject workload) {
    JsonNode target = servicePort.path("targetPort");
    if (target.isMissingNode() || target.isNull()) return servicePort.path("port").asInt();
    if (target.isInt() || target.asText().matches("\\d+")) return target.asInt();
    JsonNode podSpec = workload.kind().equals("Pod") ? workload.spec() : workload.spec().path("template").path("spec");
    for (JsonNode c : Json.list(podSpec.path("containers"))) {
      for (JsonNode cp : Json.list(c.path("ports"))) {
        if (target.asText().equals(Json.text(cp.path("name")))) return cp.path("containerPort").asInt();
      }
    }
    return 0;
  }
}
