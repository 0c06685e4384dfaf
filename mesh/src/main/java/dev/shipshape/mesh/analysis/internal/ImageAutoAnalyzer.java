package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code image: auto} is filled in only by injection: a Deployment ({@code IST0146}) or Pod ({@code IST0147}) that
 * uses it must be injected by an Istio injector webhook whose namespace and object selectors match it.
 */
final class ImageAutoAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "injection.ImageAutoAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Namespace", "Pod", "Deployment", "MutatingWebhookConfiguration");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    List<JsonNode> webhooks = new ArrayList<>();
    for (MeshObject mwc : index.all("MutatingWebhookConfiguration")) {
      for (JsonNode wh : Json.list(mwc.tree().path("webhooks"))) {
        if (Json.text(wh.path("name")).endsWith("sidecar-injector.istio.io")) webhooks.add(wh);
      }
    }
    for (MeshObject pod : index.all("Pod")) {
      if (usesAuto(pod.spec()) && !injected(index, webhooks, pod.namespace(), pod.labels())) {
        out.report(IstioMessage.IMAGE_AUTO_WITHOUT_INJECTION_ERROR, pod, "spec.containers",
            "the pod uses image: auto but will not be injected, so the image is never set",
            "enable injection for the pod or its namespace, or set the image");
      }
    }
    for (MeshObject d : index.all("Deployment")) {
      JsonNode template = d.spec().path("template");
      if (usesAuto(template.path("spec"))
          && !injected(index, webhooks, d.namespace(), Json.stringMap(template.path("metadata").path("labels")))) {
        out.report(IstioMessage.IMAGE_AUTO_WITHOUT_INJECTION_WARNING, d, "spec.template.spec.containers",
            "the Deployment uses image: auto but its pods will not be injected, so the image is never set",
            "enable injection for the pods or their namespace, or set the image");
      }
    }
  }

  private static boolean usesAuto(JsonNode podSpec) {
    for (JsonNode c : Json.list(podSpec.path("containers"))) {
      if ("auto".equals(Json.text(c.path("image")))) return true;
    }
    return false;
  }

  private static boolean injected(MeshIndex index, List<JsonNode> webhooks, String namespace,
      Map<String, String> podLabels) {
    Map<String, String> nsLabels = Mesh.namespaceLabels(index, namespace);
    for (JsonNode wh : webhooks) {
      if (Selectors.selects(Json.stringMap(wh.path("namespaceSelector").path("matchLabels")), nsLabels)
          && Selectors.selects(Json.stringMap(wh.path("objectSelector").path("matchLabels")), podLabels)) {
        return true;
      }
    }
    return false;
  }
}
