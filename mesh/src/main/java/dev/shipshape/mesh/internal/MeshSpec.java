package dev.shipshape.mesh.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what mesh components need from the compiled spec. */
public final class MeshSpec {
  /** Istio's root namespace: mesh-wide policies live there. */
  public static final String ROOT_NAMESPACE = "istio-system";
  private static final String INJECT = "sidecar.istio.io/inject";
  private static final String DATAPLANE_MODE = "istio.io/dataplane-mode";

  private MeshSpec() {}

  /** True when the spec's Namespace carries an injection, revision or ambient label. */
  public static boolean enrolled(SpecContext context, String namespace) {
    Map<String, String> labels = context.find(ResourceRef.clusterScoped("", "Namespace", namespace))
        .map(n -> n.getMetadata().getLabels()).orElse(null);
    if (labels == null) return false;
    return "enabled".equals(labels.get("istio-injection")) || labels.containsKey("istio.io/rev")
        || "ambient".equals(labels.get("istio.io/dataplane-mode"));
  }

  /**
   * The workloads (and Pods) of a namespace of the spec whose pod template matches {@code selector} and whose pods
   * get no proxy: neither their namespace nor their own {@code sidecar.istio.io/inject} label or annotation enrols
   * them, as Istio's injector decides (a pod's {@code "false"} wins over its namespace, and its {@code "true"} counts
   * unless the namespace says {@code istio-injection=disabled};
   * https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy).
   * Each is named {@code Kind namespace/name}, in spec order.
   */
  public static List<String> outsideMesh(SpecContext context, String namespace, Map<String, String> selector) {
    Map<String, String> nsLabels = context.find(ResourceRef.clusterScoped("", "Namespace", namespace))
        .map(n -> n.getMetadata().getLabels()).orElse(null);
    Map<String, String> ns = nsLabels == null ? Map.of() : nsLabels;
    boolean sidecars = "enabled".equals(ns.get("istio-injection")) || ns.containsKey("istio.io/rev");
    boolean ambient = !sidecars && "ambient".equals(ns.get(DATAPLANE_MODE));
    boolean disabled = "disabled".equals(ns.get("istio-injection"));
    List<String> outside = new ArrayList<>();
    for (HasMetadata o : Workloads.inNamespace(context, namespace)) {
      ObjectMeta meta = Workloads.podTemplate(o).map(PodTemplateSpec::getMetadata).orElse(new ObjectMeta());
      Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
      if (!selects(selector, labels)) continue;
      // The injection webhook is called for the pods of an enrolled namespace and for pods labelled to opt in;
      // the injector then reads the label, else the older annotation, so the annotation can only opt out.
      String label = labels.get(INJECT);
      String choice = label == null && meta.getAnnotations() != null ? meta.getAnnotations().get(INJECT) : label;
      boolean inMesh = ambient ? !"none".equals(labels.get(DATAPLANE_MODE))
          : sidecars && !"false".equals(choice) || "true".equals(label) && !disabled;
      if (!inMesh) outside.add(o.getKind() + " " + namespace + "/" + o.getMetadata().getName());
    }
    return outside;
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
