package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gateway ports without a Service are those a scan of every pod, and every Service per pod, finds. */
class GatewayPortAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatScanningEveryPodAndServiceReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new GatewayPortAnalyzer(), GatewayPortAnalyzerTest::reference, objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(12, "Gateway", "Pod", "Pod", "Service", "Service");
  }

  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject gateway : index.all("Gateway")) {
      String selector = Gateways.selectorString(gateway);
      Set<Integer> ports = new HashSet<>();
      boolean anyPod = false;
      for (MeshObject pod : index.all("Pod")) {
        if (!Selectors.selects(Gateways.selector(gateway), pod.labels())) continue;
        anyPod = true;
        for (MeshObject svc : index.all("Service")) {
          if (!svc.namespace().equals(pod.namespace())) continue;
          if (!Selectors.selects(Json.stringMap(svc.spec().path("selector")), pod.labels())) continue;
          for (JsonNode port : Json.list(svc.spec().path("ports"))) {
            String protocol = Json.text(port.path("protocol"));
            if (!protocol.isEmpty() && !protocol.equals("TCP")) continue;
            int target = port.path("targetPort").isInt() ? port.path("targetPort").asInt() : 0;
            ports.add(target != 0 ? target : port.path("port").asInt());
          }
        }
      }
      if (!anyPod) {
        out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, gateway, "spec.selector",
            "referenced selector not found: \"" + selector + "\"",
            "deploy a gateway workload with these labels, or fix the selector");
        continue;
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
