package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A ServiceEntry port that is TCP, or has no protocol, needs {@code addresses} when address auto-allocation is off
 * (Istio's default mesh config): without them the sidecar cannot tell the services apart by destination
 * ({@code IST0134}, one per such port).
 */
final class SeAddressesAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "serviceentry.Analyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("ServiceEntry");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    for (MeshObject se : index.all("ServiceEntry")) {
      if (!Json.list(se.spec().path("addresses")).isEmpty()) continue;
      List<JsonNode> ports = Json.list(se.spec().path("ports"));
      for (int i = 0; i < ports.size(); i++) {
        String protocol = Json.text(ports.get(i).path("protocol")).toUpperCase(Locale.ROOT);
        if (!protocol.isEmpty() && !protocol.equals("TCP")) continue;
        out.report(IstioMessage.SERVICE_ENTRY_ADDRESSES_REQUIRED, se, "spec.ports[" + i + "]",
            "ServiceEntry port " + Json.text(ports.get(i).path("name")) + " ("
                + ports.get(i).path("number").asInt() + ") is "
                + (protocol.isEmpty() ? "without protocol" : "TCP") + " but the ServiceEntry has no addresses",
            "set spec.addresses, or give the port an application protocol such as HTTP or TLS");
      }
    }
  }
}
