package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The Services that select a Deployment's pods, found by their selectors, are those a scan of its namespace finds. */
class MultiServiceAnalyzerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void reportsWhatScanningTheNamespacesServicesReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new WorkloadAnalyzers.MultiService(), MultiServiceAnalyzerTest::reference,
        objects);
  }

  /**
   * Deployments and Services in two namespaces, with few labels and ports, so that several Services often select
   * one Deployment; the namespace {@code a} is sometimes injected, and a pod may choose for itself.
   */
  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    Arbitrary<String> namespaces = Arbitraries.of("a", "b");
    Arbitrary<MeshObject> deployment = Combinators.combine(namespaces, Arbitraries.of("x", "y"),
            Arbitraries.of("", "true", "true", "false"), Arbitraries.of(true, false))
        .as((ns, app, inject, web) -> {
          Map<String, String> labels = new LinkedHashMap<>(Map.of("app", app));
          if (web) labels.put("tier", "web");
          if (!inject.isEmpty()) labels.put(Injection.INJECT, inject);
          return object("Deployment", ns, "d-" + app, Map.of(),
              Map.of("template", Map.of("metadata", Map.of("labels", labels))));
        });
    Arbitrary<Map<String, Object>> port = Combinators.combine(Arbitraries.of(80, 443), Arbitraries.of(8080, 8443),
            Arbitraries.of("TCP", "UDP", ""))
        .as((number, target, protocol) -> Map.of("port", number, "targetPort", target, "protocol", protocol));
    Arbitrary<MeshObject> service = Combinators.combine(namespaces, Arbitraries.of("s1", "s2", "s3"),
            Arbitraries.<Map<String, String>>of(Map.of(), Map.of("app", "x"), Map.of("app", "y"),
                Map.of("app", "x", "tier", "web")),
            port.list().ofMinSize(1).ofMaxSize(2))
        .as((ns, name, selector, ports) -> object("Service", ns, name, Map.of(),
            Map.of("selector", selector, "ports", ports)));
    Arbitrary<MeshObject> namespace = Arbitraries.<Map<String, String>>of(Map.of(), Map.of(Mesh.INJECTION_LABEL,
        "enabled")).map(labels -> object("Namespace", "", "a", labels, Map.of()));
    return Arbitraries.frequencyOf(Tuple.of(2, deployment), Tuple.of(4, service), Tuple.of(2, namespace))
        .list().ofMaxSize(16);
  }

  private static MeshObject object(String kind, String namespace, String name, Map<String, String> labels,
      Map<String, Object> spec) {
    Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", name, "labels", labels));
    if (!namespace.isEmpty()) metadata.put("namespace", namespace);
    return new MeshObject(JSON.valueToTree(Map.of("apiVersion", "v1", "kind", kind, "metadata", metadata,
        "spec", spec)));
  }

  /** The analyzer as it was, scanning the namespace's Services for each Deployment. */
  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject d : index.all("Deployment")) {
      if (!Injection.injected(index, d.namespace(), d.spec().path("template").path("metadata"))) continue;
      Map<String, String> labels = Json.stringMap(d.spec().path("template").path("metadata").path("labels"));
      Map<Integer, Set<String>> protocolsByPort = new LinkedHashMap<>();
      Map<String, Set<Integer>> portsByTarget = new LinkedHashMap<>();
      for (MeshObject svc : index.all("Service", d.namespace())) {
        Map<String, String> selector = Json.stringMap(svc.spec().path("selector"));
        if (selector.isEmpty() || !Selectors.selects(selector, labels)) continue;
        for (JsonNode port : Json.list(svc.spec().path("ports"))) {
          int number = port.path("port").asInt();
          String protocol = Json.text(port.path("protocol"));
          protocolsByPort.computeIfAbsent(number, k -> new LinkedHashSet<>()).add(protocol.isEmpty() ? "TCP" : protocol);
          String target = port.path("targetPort").isMissingNode()
              ? String.valueOf(number) : Json.text(port.path("targetPort"));
          portsByTarget.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(number);
        }
      }
      protocolsByPort.forEach((port, protocols) -> {
        if (protocols.size() < 2) return;
        out.report(IstioMessage.DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES, d, "spec.template.metadata.labels",
            "the Services selecting this Deployment use port " + port + " with protocols " + protocols,
            "use one protocol per port number across the Services");
      });
      portsByTarget.forEach((target, ports) -> {
        if (ports.size() < 2) return;
        out.report(IstioMessage.DEPLOYMENT_CONFLICTING_PORTS, d, "spec.template.metadata.labels",
            "the Services selecting this Deployment send target port " + target + " to service ports " + ports,
            "use one service port per target port across the Services");
      });
    }
  }
}
