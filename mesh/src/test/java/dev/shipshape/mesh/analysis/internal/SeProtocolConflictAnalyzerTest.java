package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Protocol conflicts are those a comparison of every pair of ServiceEntries finds, in that order. */
class SeProtocolConflictAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryPairOfEntriesReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new SeProtocolConflictAnalyzer(), SeProtocolConflictAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "ServiceEntry");
  }

  private static void reference(MeshIndex index, Reporter out) {
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
    return sa.contains("*") || sb.contains("*") || !Collections.disjoint(sa, sb);
  }
}
