package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Whether Istio's sidecar injector injects a pod, from its namespace's and its own labels and annotations. */
final class Injection {
  static final String INJECT = "sidecar.istio.io/inject";

  private Injection() {}

  /**
   * The pod's own choice: its {@code sidecar.istio.io/inject} label, else the annotation of that name; empty string
   * when it makes none.
   */
  static String podChoice(JsonNode podMetadata) {
    String label = Json.text(podMetadata.path("labels").path(INJECT));
    return !label.isEmpty() ? label : Json.text(podMetadata.path("annotations").path(INJECT));
  }

  /** True when a pod with this metadata in this namespace gets a sidecar. */
  static boolean injected(MeshIndex index, String namespace, JsonNode podMetadata) {
    String choice = podChoice(podMetadata);
    if (choice.equals("false")) return false;
    Map<String, String> ns = Mesh.namespaceLabels(index, namespace);
    if ("enabled".equals(ns.get(Mesh.INJECTION_LABEL)) || ns.containsKey(Mesh.REVISION_LABEL)) return true;
    return choice.equals("true") && !"disabled".equals(ns.get(Mesh.INJECTION_LABEL));
  }
}
