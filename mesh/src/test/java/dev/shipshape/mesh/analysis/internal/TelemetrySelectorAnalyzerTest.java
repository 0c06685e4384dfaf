package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The pods a Telemetry selects, found by label, are those a scan of its namespace's pods finds. */
class TelemetrySelectorAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatScanningTheNamespacesPodsReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new TelemetryAnalyzers.Selector(), TelemetrySelectorAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "Telemetry", "Telemetry", "Pod", "Pod");
  }

  /** The analyzer as it was, scanning the namespace's pods for each Telemetry. */
  private static void reference(MeshIndex index, Reporter out) {
    Map<String, List<MeshObject>> byPod = new LinkedHashMap<>();
    for (MeshObject t : index.all("Telemetry")) {
      if (!t.spec().path("selector").isObject()) continue;
      Map<String, String> selector = Json.stringMap(t.spec().path("selector").path("matchLabels"));
      boolean any = false;
      for (MeshObject pod : index.all("Pod", t.namespace())) {
        if (!Selectors.selects(selector, pod.labels())) continue;
        any = true;
        byPod.computeIfAbsent(pod.fullName(), k -> new ArrayList<>()).add(t);
      }
      if (!any) {
        out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, t, "spec.selector",
            "referenced selector not found: \"" + selector + "\"", "fix the selector, or deploy the workload");
      }
    }
    byPod.forEach((pod, list) -> {
      if (list.size() < 2) return;
      for (MeshObject t : list) {
        out.report(IstioMessage.CONFLICTING_TELEMETRY_WORKLOAD_SELECTORS, t, "spec.selector",
            "the Telemetries " + MeshObject.fullNames(list) + " select the same workload pod " + pod,
            "make the selectors select disjoint pods");
      }
    });
  }
}
