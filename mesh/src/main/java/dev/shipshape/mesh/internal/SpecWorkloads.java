package dev.shipshape.mesh.internal;

import dev.shipshape.core.LabelIndex;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods a set of objects runs, as the mesh sees them: namespace, pod labels, the ServiceAccount (the mTLS
 * identity, {@code default} when the pod names none) and the container ports by name; and the namespaces with
 * their labels (each with {@code kubernetes.io/metadata.name}, as the API server sets it).
 */
public final class SpecWorkloads {
  /** One workload (or Pod) of the objects. */
  public record Workload(String kind, String namespace, String name, Map<String, String> podLabels,
      String serviceAccount, List<ContainerPort> ports) {
    /** {@code Kind namespace/name}. */
    public String origin() {
      return kind + " " + namespace + "/" + name;
    }
  }

  private final List<Workload> workloads = new ArrayList<>();
  private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
  // Indexes, so that each policy's selectors look at their namespaces only: a policy per tenant is common.
  private final Map<String, List<Workload>> byNamespace = new HashMap<>();
  private final LabelIndex<String> namespacesByLabel = new LabelIndex<>();

  /** Reads the workloads and Namespaces of {@code objects}. */
  public SpecWorkloads(List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      if ("Namespace".equals(o.getKind())) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (o.getMetadata().getLabels() != null) labels.putAll(o.getMetadata().getLabels());
        labels.put("kubernetes.io/metadata.name", o.getMetadata().getName());
        namespaces.put(o.getMetadata().getName(), labels);
        continue;
      }
      PodTemplateSpec template = Workloads.podTemplate(o).orElse(null);
      if (template == null) continue;
      String namespace = o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
      Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
          ? Map.of() : template.getMetadata().getLabels();
      PodSpec spec = template.getSpec();
      String sa = spec == null ? null : spec.getServiceAccountName() != null ? spec.getServiceAccountName()
          : spec.getServiceAccount();
      List<ContainerPort> ports = new ArrayList<>();
      if (spec != null && spec.getContainers() != null) {
        for (Container c : spec.getContainers()) if (c.getPorts() != null) ports.addAll(c.getPorts());
      }
      // A label may have no value (YAML "app:"), which Map.copyOf refuses.
      workloads.add(new Workload(o.getKind(), namespace, o.getMetadata().getName(),
          Collections.unmodifiableMap(new LinkedHashMap<>(labels)),
          sa == null || sa.isEmpty() ? "default" : sa, List.copyOf(ports)));
    }
    workloads.forEach(w -> byNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w));
    namespaces.forEach(namespacesByLabel::add);
  }

  /** The workloads of {@code namespace} whose pod labels include every entry of {@code selector}. */
  public List<Workload> selected(String namespace, Map<String, String> selector) {
    List<Workload> out = new ArrayList<>();
    for (Workload w : byNamespace.getOrDefault(namespace, List.of())) {
      if (MeshSpec.selects(selector, w.podLabels())) out.add(w);
    }
    return out;
  }

  /** Every workload of the objects, in order. */
  public List<Workload> all() {
    return List.copyOf(workloads);
  }

  /** The Namespaces of the objects whose labels include every entry of {@code selector}, in order. */
  public List<String> namespacesLabelled(Map<String, String> selector) {
    List<String> out = new ArrayList<>();
    for (String name : namespacesByLabel.candidates(selector)) {
      if (MeshSpec.selects(selector, namespaces.get(name))) out.add(name);
    }
    return out;
  }
}
