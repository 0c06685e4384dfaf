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

/** The pods a Sidecar selects, found by label, are those a scan of its namespace's pods finds. */
class SidecarSelectorAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatScanningTheNamespacesPodsReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new SidecarSelectorAnalyzer(), SidecarSelectorAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "Sidecar", "Sidecar", "Pod", "Pod", "Namespace");
  }

  /** The analyzer as it was, scanning the namespace's pods for each Sidecar. */
  private static void reference(MeshIndex index, Reporter out) {
    Map<String, List<MeshObject>> withoutSelector = new LinkedHashMap<>();
    Map<String, List<MeshObject>> byPod = new LinkedHashMap<>();
    for (MeshObject sidecar : index.all("Sidecar")) {
      boolean ambientNs = Mesh.ambientNamespace(Mesh.namespaceLabels(index, sidecar.namespace()));
      if (!sidecar.spec().path("workloadSelector").isObject()) {
        withoutSelector.computeIfAbsent(sidecar.namespace(), k -> new ArrayList<>()).add(sidecar);
        if (ambientNs) ineffective(sidecar, "namespace " + sidecar.namespace() + " is in ambient mode", out);
        continue;
      }
      Map<String, String> selector = Json.stringMap(sidecar.spec().path("workloadSelector").path("labels"));
      List<MeshObject> pods = new ArrayList<>();
      for (MeshObject pod : index.all("Pod", sidecar.namespace())) {
        if (Selectors.selects(selector, pod.labels())) pods.add(pod);
      }
      if (pods.isEmpty()) {
        out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, sidecar, "spec.workloadSelector",
            "referenced selector not found: \"" + selector + "\"", "fix the selector, or deploy the workload");
      }
      for (MeshObject pod : pods) {
        byPod.computeIfAbsent(pod.fullName(), k -> new ArrayList<>()).add(sidecar);
        if (ambientNs || Mesh.ambientPod(pod)) ineffective(sidecar, "pod " + pod.name() + " is in ambient mode", out);
      }
    }
    withoutSelector.forEach((ns, sidecars) -> {
      if (sidecars.size() < 2) return;
      for (MeshObject s : sidecars) {
        out.report(IstioMessage.MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS, s, "spec.workloadSelector",
            "the Sidecars " + MeshObject.fullNames(sidecars) + " in namespace " + ns + " have no workload selector",
            "keep one namespace-wide Sidecar and give the others a workloadSelector");
      }
    });
    byPod.forEach((pod, sidecars) -> {
      if (sidecars.size() < 2) return;
      for (MeshObject s : sidecars) {
        out.report(IstioMessage.CONFLICTING_SIDECAR_WORKLOAD_SELECTORS, s, "spec.workloadSelector",
            "the Sidecars " + MeshObject.fullNames(sidecars) + " select the same workload pod " + pod,
            "make the workload selectors select disjoint pods");
      }
    });
  }

  private static void ineffective(MeshObject sidecar, String why, Reporter out) {
    out.report(IstioMessage.INEFFECTIVE_POLICY, sidecar, "",
        "the Sidecar has no effect: " + why + ", which uses no sidecar proxy",
        "remove the Sidecar, or take the workload out of ambient mode");
  }
}
