package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Mesh membership of namespaces and pods, from their labels, annotations and containers. */
final class Mesh {
  static final String INJECTION_LABEL = "istio-injection";
  static final String REVISION_LABEL = "istio.io/rev";
  static final String DATAPLANE_MODE_LABEL = "istio.io/dataplane-mode";
  static final String PROXY_CONTAINER = "istio-proxy";

  private Mesh() {}

  /** A namespace in ambient mode: labelled ambient, and not claimed by sidecar injection. */
  static boolean ambientNamespace(Map<String, String> labels) {
    return "ambient".equals(labels.get(DATAPLANE_MODE_LABEL))
        && !"enabled".equals(labels.get(INJECTION_LABEL))
        && !labels.containsKey(REVISION_LABEL);
  }

  /** A pod whose traffic the ambient data plane redirects. */
  static boolean ambientPod(MeshObject pod) {
    return "enabled".equals(pod.annotations().get("ambient.istio.io/redirection"));
  }

  /** True when the pod spec has a container named {@code istio-proxy}. */
  static boolean hasProxy(JsonNode podSpec) {
    for (JsonNode c : Json.list(podSpec.path("containers"))) {
      if (PROXY_CONTAINER.equals(Json.text(c.path("name")))) return true;
    }
    for (JsonNode c : Json.list(podSpec.path("initContainers"))) {
      if (PROXY_CONTAINER.equals(Json.text(c.path("name")))) return true;
    }
    return false;
  }

  /** The labels of a namespace by name, empty when the input has no such Namespace. */
  static Map<String, String> namespaceLabels(MeshIndex index, String namespace) {
    return index.find("Namespace", "", namespace).map(MeshObject::labels).orElse(Map.of());
  }
}
