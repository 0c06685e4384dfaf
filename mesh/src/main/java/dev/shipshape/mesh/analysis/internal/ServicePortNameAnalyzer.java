package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Service ports name their protocol, by {@code appProtocol} or a name of the form {@code <protocol>[-<suffix>]}, as
 * Istio selects it ({@link Protocols#of}; {@code IST0118}); an ExternalName Service's ports name one, and not by the
 * bare name {@code tcp} ({@code IST0150}), or traffic to it may not be forwarded correctly ({@code PortNameAnalyzer}
 * in istio/istio {@code pkg/config/analysis/analyzers/service/portname.go}). Istio's own control plane Services
 * (labelled {@code istio} or {@code release=istio}) and Istio-managed gateways are skipped.
 */
final class ServicePortNameAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "service.PortNameAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Service");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    for (MeshObject svc : index.all("Service")) {
      Map<String, String> labels = svc.labels();
      if (labels.containsKey("istio") || "istio".equals(labels.get("release"))
          || labels.containsKey("gateway.istio.io/managed")) {
        continue;
      }
      boolean externalName = "ExternalName".equals(Json.text(svc.spec().path("type")));
      List<JsonNode> ports = Json.list(svc.spec().path("ports"));
      for (int i = 0; i < ports.size(); i++) {
        JsonNode port = ports.get(i);
        String name = Json.text(port.path("name"));
        String transport = Json.text(port.path("protocol"));
        Optional<String> protocol = Protocols.of(port.path("port").asInt(), name,
            transport.isEmpty() ? "TCP" : transport, Json.text(port.path("appProtocol")));
        String field = "spec.ports[" + i + "]";
        if (externalName) {
          // Istio warns of a port named exactly tcp, not of one selected as TCP otherwise (tcp-db, appProtocol).
          if (protocol.isPresent() && !name.equals("tcp")) continue;
          out.report(IstioMessage.EXTERNAL_NAME_SERVICE_TYPE_INVALID_PORT_NAME, svc, field,
              "port " + port.path("port").asInt() + (name.isEmpty() ? " (unnamed)" : " named " + name)
                  + " of ExternalName Service " + svc.fullName() + " names no protocol other than TCP, so traffic"
                  + " may not be forwarded correctly",
              "name the port for its protocol, such as https-" + port.path("port").asInt() + ", or set appProtocol");
        } else if (protocol.isEmpty()) {
          out.report(IstioMessage.PORT_NAME_IS_NOT_UNDER_NAMING_CONVENTION, svc, field,
              "port " + port.path("port").asInt() + (name.isEmpty() ? " (unnamed)" : " named " + name)
                  + " does not follow the <protocol>[-<suffix>] naming convention, so Istio has to detect the"
                  + " protocol",
              "name the port <protocol>[-<suffix>], such as http-web, or set appProtocol");
        }
      }
    }
  }
}
