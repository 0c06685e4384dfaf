package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pods of an injected namespace run the proxy image that the injector would inject now ({@code IST0158}, once per
 * namespace). The expected image comes from the injector ConfigMap's values ({@code istio-sidecar-injector}, or
 * {@code istio-sidecar-injector-<rev>} for {@code istio.io/rev=<rev>}): {@code global.proxy.image} when it is a
 * full reference, else {@code global.hub/global.proxy.image:global.tag}, with the image type suffix
 * ({@code -distroless}, {@code -debug}) of the ProxyConfig that applies (pod annotation
 * {@code proxy.istio.io/config}, a ProxyConfig selecting the pod, the namespace's, then the root namespace's).
 * Native sidecars (the proxy as an init container) count too. Pods that choose their image with {@code sidecar.istio.io/proxyImage} are skipped.
 */
final class ProxyImageAnalyzer implements Analyzer {
  private static final ObjectMapper YAML = new YAMLMapper();

  @Override
  public String name() {
    return "injection.ImageAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Namespace", "Pod", "ConfigMap", "ProxyConfig");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    // Namespaces share few injectors; each one's values are read once.
    Map<String, Optional<JsonNode>> injectors = new HashMap<>();
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
      Optional<JsonNode> values = injectors.computeIfAbsent(configMap, name -> Injection.injectorValues(index, name));
      if (values.isEmpty()) continue;
      Set<String> mismatched = new LinkedHashSet<>();
      for (MeshObject pod : index.all("Pod", ns.name())) {
        if (pod.annotations().containsKey("sidecar.istio.io/proxyImage")) continue;
        String expected = expectedImage(values.get(), imageType(index, pod));
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

  static String expectedImage(JsonNode values, String imageType) {
    JsonNode global = values.path("global");
    String image = Json.text(global.path("proxy").path("image"));
    String full = image.contains("/")
        ? image
        : Json.text(global.path("hub")) + "/" + image + ":" + Json.text(global.path("tag"));
    return imageType.isEmpty() || imageType.equals("default") ? full : full + "-" + imageType;
  }

  private static String imageType(MeshIndex index, MeshObject pod) {
    String annotation = pod.annotations().getOrDefault("proxy.istio.io/config", "");
    if (!annotation.isEmpty()) {
      try {
        String type = Json.text(YAML.readTree(annotation).path("image").path("imageType"));
        if (!type.isEmpty()) return type;
      } catch (Exception e) {
        // An unreadable annotation does not choose an image type; the ProxyConfigs below decide.
      }
    }
    // The last ProxyConfig of each level wins.
    String workload = "";
    String namespace = "";
    for (MeshObject pc : index.all("ProxyConfig", pod.namespace())) {
      JsonNode selector = pc.spec().path("selector").path("matchLabels");
      if (!selector.isObject()) {
        namespace = imageType(pc);
      } else if (Selectors.selects(Json.stringMap(selector), pod.labels())) {
        workload = imageType(pc);
      }
    }
    String root = "";
    for (MeshObject pc : index.all("ProxyConfig", Namespaces.ISTIO_SYSTEM)) {
      if (!pc.spec().path("selector").path("matchLabels").isObject()) root = imageType(pc);
    }
    return !workload.isEmpty() ? workload : !namespace.isEmpty() ? namespace : root;
  }

  private static String imageType(MeshObject proxyConfig) {
    return Json.text(proxyConfig.spec().path("image").path("imageType"));
  }
}
