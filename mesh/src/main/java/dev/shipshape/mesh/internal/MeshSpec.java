package dev.shipshape.mesh.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what mesh components need from the compiled spec. */
public final class MeshSpec {
  /** Istio's root namespace: mesh-wide policies live there. */
  public static final String ROOT_NAMESPACE = "istio-system";

  private MeshSpec() {}

  /** True when the spec's Namespace carries an injection, revision or ambient label. */
  public static boolean enrolled(SpecContext context, String namespace) {
    Map<String, String> labels = context.find(ResourceRef.clusterScoped("", "Namespace", namespace))
        .map(n -> n.getMetadata().getLabels()).orElse(null);
    if (labels == null) return false;
    return "enabled".equals(labels.get("istio-injection")) || labels.containsKey("istio.io/rev")
        || "ambient".equals(labels.get("istio.io/dataplane-mode"));
  }

  /** The spec's Service with this name in this namespace. */
  public static Optional<HasMetadata> service(SpecContext context, String namespace, String name) {
    return context.find(ResourceRef.core("Service", namespace, name));
  }

  /** The pod template labels of every workload (and Pod) of a namespace in the spec, in spec order. */
  public static List<Map<String, String>> podTemplateLabels(SpecContext context, String namespace) {
    List<Map<String, String>> labels = new ArrayList<>();
    for (HasMetadata o : Workloads.inNamespace(context, namespace)) {
      Workloads.podTemplate(o).ifPresent(t -> labels.add(
          t.getMetadata() == null || t.getMetadata().getLabels() == null ? Map.of() : t.getMetadata().getLabels()));
    }
    return labels;
  }

  /** True when every entry of {@code selector} is among {@code labels}. */
  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return labels.entrySet().containsAll(selector.entrySet());
  }
}
