package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/** Whether Istio's sidecar injector injects a pod, from its namespace's and its own labels and annotations. */
final class Injection {
  static final String INJECT = "sidecar.istio.io/inject";
  /** The injector's ConfigMap ({@code istio-sidecar-injector-<rev>} for a revision). */
  static final String INJECTOR = "istio-sidecar-injector";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Injection() {}

  /**
   * The pod's own choice: its {@code sidecar.istio.io/inject} label, else the annotation of that name; empty string
   * when it makes none.
   */
  static String podChoice(JsonNode podMetadata) {
    String label = Json.text(podMetadata.path("labels").path(INJECT));
    return !label.isEmpty() ? label : Json.text(podMetadata.path("annotations").path(INJECT));
  }

  /** The Helm values of an injector ConfigMap (its {@code values} key, JSON), if it is among the objects. */
  static Optional<JsonNode> injectorValues(MeshIndex index, String name) {
    return index.findInAnyNamespace("ConfigMap", name).flatMap(cm -> {
      try {
        return Optional.of(JSON.readTree(Json.text(cm.tree().path("data").path("values"))));
      } catch (Exception e) {
        return Optional.empty();
      }
    });
  }

  /**
   * True when Istio is installed with {@code sidecarInjectorWebhook.enableNamespacesByDefault}: the default injector
   * then injects every namespace without an injection label.
   */
  static boolean namespacesByDefault(MeshIndex index) {
    return injectorValues(index, INJECTOR)
        .map(v -> v.path("sidecarInjectorWebhook").path("enableNamespacesByDefault").asBoolean(false))
        .orElse(false);
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
