package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Proxy image mismatches are those a scan of every pod per namespace, and of every ProxyConfig and ConfigMap per
 * pod, finds, in that order.
 */
class ProxyImageAnalyzerTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 600)
  void reportsWhatScanningEveryPodAndProxyConfigReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new ProxyImageAnalyzer(), ProxyImageAnalyzerTest::reference, objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(16, "Namespace", "Pod", "Pod", "Pod", "ConfigMap", "ProxyConfig");
  }

  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject ns : index.all("Namespace")) {
      Map<String, String> labels = ns.labels();
      String configMap;
      if ("enabled".equals(labels.get(Mesh.INJECTION_LABEL))) {
        configMap = Injection.INJECTOR;
      } else if (labels.containsKey(Mesh.REVISION_LABEL)) {
        configMap = Injection.INJECTOR + "-" + labels.get(Mesh.REVISION_LABEL);
      } else {
        continue;
      }
      Optional<JsonNode> values = injectorValues(index, configMap);
      if (values.isEmpty()) continue;
      Set<String> mismatched = new LinkedHashSet<>();
      for (MeshObject pod : index.all("Pod")) {
        if (!pod.namespace().equals(ns.name()) || pod.annotations().containsKey("sidecar.istio.io/proxyImage")) {
          continue;
        }
        String expected = ProxyImageAnalyzer.expectedImage(values.get(), imageType(index, pod));
        List<JsonNode> containers = new ArrayList<>(Json.list(pod.spec().path("containers")));
        containers.addAll(Json.list(pod.spec().path("initContainers")));
        for (JsonNode c : containers) {
          if (!Mesh.PROXY_CONTAINER.equals(Json.text(c.path("name")))) continue;
          String image = Json.text(c.path("image"));
          if (!image.equals(expected)) mismatched.add(pod.name() + " runs " + image + ", not " + expected);
        }
      }
      if (mismatched.isEmpty()) continue;
      out.report(IstioMessage.PODS_ISTIO_PROXY_IMAGE_MISMATCH_IN_NAMESPACE, ns, "",
          "the proxy image of pods in namespace " + ns.name() + " differs from the one the injector would inject: "
              + String.join("; ", mismatched),
          "restart the pods so that they get the current proxy");
    }
  }

  private static Optional<JsonNode> injectorValues(MeshIndex index, String name) {
    for (MeshObject cm : index.all("ConfigMap")) {
      if (!cm.name().equals(name)) continue;
      try {
        return Optional.of(JSON.readTree(Json.text(cm.tree().path("data").path("values"))));
      } catch (Exception e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String imageType(MeshIndex index, MeshObject pod) {
    String annotation = pod.annotations().getOrDefault("proxy.istio.io/config", "");
    if (!annotation.isEmpty()) {
      try {
        String type = Json.text(YAML.readTree(annotation).path("image").path("imageType"));
        if (!type.isEmpty()) return type;
      } catch (Exception e) {
        // As the analyzer: an unreadable annotation chooses no image type.
      }
    }
    String workload = "";
    String namespace = "";
    String root = "";
    for (MeshObject pc : index.all("ProxyConfig")) {
      String type = Json.text(pc.spec().path("image").path("imageType"));
      JsonNode selector = pc.spec().path("selector").path("matchLabels");
      if (pc.namespace().equals(pod.namespace()) && selector.isObject()
          && Selectors.selects(Json.stringMap(selector), pod.labels())) {
        workload = type;
      } else if (pc.namespace().equals(pod.namespace()) && !selector.isObject()) {
        namespace = type;
      } else if (pc.namespace().equals(Namespaces.ISTIO_SYSTEM) && !selector.isObject()) {
        root = type;
      }
    }
    return !workload.isEmpty() ? workload : !namespace.isEmpty() ? namespace : root;
  }
}
