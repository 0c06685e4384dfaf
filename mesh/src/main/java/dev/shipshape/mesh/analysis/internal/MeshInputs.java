package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns manifests, objects and cluster listings into {@link MeshObject}s. Manifests are read with core's strict
 * {@link ManifestReader}, as every command that checks manifests reads them, each object exactly as written
 * ({@linkplain ManifestReader#generic() generic}), so any Istio API version reads alike; {@code List} kinds are
 * expanded.
 */
public final class MeshInputs {
  private static final ManifestReader MANIFESTS = ManifestReader.strict().generic();

  private MeshInputs() {}

  /**
   * The objects of YAML or JSON text with one or more documents; {@code source} names the text in messages.
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object, by
   *     source and document number
   */
  public static List<MeshObject> parse(String text, String source) {
    return of(MANIFESTS.parse(text, source).objects());
  }

  /**
   * The objects of a manifest file, or of every manifest file under a directory in name order.
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object, by
   *     file and document number
   * @throws UncheckedIOException when a file cannot be read
   */
  public static List<MeshObject> read(Path path) {
    return of(MANIFESTS.read(path).objects());
  }

  /** Typed or generic objects, as a plan or a cluster gives them. */
  public static List<MeshObject> of(List<? extends HasMetadata> objects) {
    List<MeshObject> out = new ArrayList<>();
    for (HasMetadata o : objects) add(Manifests.toTree(o), out);
    return out;
  }

  /**
   * The objects of a plan, and for each of its workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet,
   * ReplicationController, Job, CronJob) a {@linkplain MeshObject#planned() planned} Pod made of its pod template:
   * a plan holds the workloads, not the pods they will run, and its own checks read the templates likewise.
   */
  public static List<MeshObject> ofPlan(List<? extends HasMetadata> objects) {
    List<MeshObject> out = of(objects);
    for (HasMetadata o : objects) {
      if ("Pod".equals(o.getKind())) continue;
      Workloads.podTemplate(o).ifPresent(template -> {
        ObjectNode pod = Manifests.toTree(template);
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.path("metadata").isObject() ? (ObjectNode) pod.get("metadata")
            : pod.putObject("metadata");
        metadata.put("name", o.getMetadata().getName());
        if (o.getMetadata().getNamespace() != null) metadata.put("namespace", o.getMetadata().getNamespace());
        out.add(new MeshObject(pod, true));
      });
    }
    return out;
  }

  private static void add(JsonNode doc, List<MeshObject> out) {
    if (doc.path("kind").asText("").endsWith("List") && doc.path("items").isArray()) {
      for (JsonNode item : doc.path("items")) add(item, out);
      return;
    }
    if (doc.hasNonNull("kind")) out.add(new MeshObject(doc));
  }
}
