package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ServiceEntries visible to a common namespace that define the same host and port number with different protocols
 * ({@code IST0177}): only one protocol can be used for the listener.
 */
final class SeProtocolConflictAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "serviceentry.ConflictingServiceEntryProtocolAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("ServiceEntry");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    List<MeshObject> entries = index.all("ServiceEntry");
    for (MeshObject se : entries) {
      for (MeshObject other : entries) {
        if (other == se || !visibleTogether(se, other)) continue;
        for (String host : Json.strings(se.spec().path("hosts"))) {
          if (!Json.strings(other.spec().path("hosts")).contains(host)) continue;
          for (JsonNode port : Json.list(se.spec().path("ports"))) {
            for (JsonNode otherPort : Json.list(other.spec().path("ports"))) {
              if (port.path("number").asInt() != otherPort.path("number").asInt()) continue;
              String p = protocol(port);
              String q = protocol(otherPort);
              if (p.equals(q)) continue;
              out.report(IstioMessage.CONFLICTING_SERVICE_ENTRY_PROTOCOL, se, "spec.ports",
                  "host " + host + " port " + port.path("number").asInt() + " is " + p + " here but " + q
                      + " in ServiceEntry " + other.fullName(),
                  "use one protocol for the host and port in every ServiceEntry");
            }
          }
        }
      }
    }
  }

  private static String protocol(JsonNode port) {
    return Json.text(port.path("protocol")).toUpperCase(Locale.ROOT);
  }

  private static boolean visibleTogether(MeshObject a, MeshObject b) {
    Set<String> sa = a.exportScopes(Json.strings(a.spec().path("exportTo")));
    Set<String> sb = b.exportScopes(Json.strings(b.spec().path("exportTo")));
    if (sa.contains("*") || sb.contains("*")) return true;
    Set<String> common = new HashSet<>(sa);
    common.retainAll(sb);
    return !common.isEmpty();
  }

}
