package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Gateway selects some pod ({@code IST0101}), and each of its server ports is a TCP port that a Service selecting
 * those pods forwards to ({@code IST0162}): the target port, or the service port when no target port is set, since
 * the gateway proxy listens on the server port.
 */
final class GatewayPortAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "gateway.IngressGatewayPortAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Gateway", "Pod", "Service");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    // As Istio's analyzer, which reads a Service's selector as a label selector: an empty one selects every pod.
    SelectorIndex services = new SelectorIndex(index.all("Service"),
        svc -> Json.stringMap(svc.spec().path("selector")), SelectorIndex.Empty.SELECTS_ALL);
    for (MeshObject gateway : index.all("Gateway")) {
      List<MeshObject> pods = Gateways.pods(index, gateway);
      String selector = Gateways.selectorString(gateway);
      if (pods.isEmpty()) {
        out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, gateway, "spec.selector",
            "referenced selector not found: \"" + selector + "\"",
            "deploy a gateway workload with these labels, or fix the selector");
        continue;
      }
      Set<Integer> ports = new HashSet<>();
      for (MeshObject pod : pods) {
        for (MeshObject svc : services.selecting(pod.namespace(), pod.labels())) {
          for (JsonNode port : Json.list(svc.spec().path("ports"))) {
            String protocol = Json.text(port.path("protocol"));
            if (!protocol.isEmpty() && !protocol.equals("TCP")) continue;
            int target = port.path("targetPort").isInt() ? port.path("targetPort").asInt() : 0;
            ports.add(target != 0 ? target : port.path("port").asInt());
          }
        }
      }
      List<JsonNode> servers = Json.list(gateway.spec().path("servers"));
      for (int i = 0; i < servers.size(); i++) {
        JsonNode number = servers.get(i).path("port").path("number");
        if (number.isMissingNode() || ports.contains(number.asInt())) continue;
        out.report(IstioMessage.GATEWAY_PORT_NOT_DEFINED_ON_SERVICE, gateway, "spec.servers[" + i + "].port.number",
            "the gateway refers to port " + number.asInt() + " on workload with selector \"" + selector
                + "\", which does not exist on any Service that selects the workload",
            "add the port to the gateway workload's Service, or use one of its ports " + ports);
      }
    }
  }
}
