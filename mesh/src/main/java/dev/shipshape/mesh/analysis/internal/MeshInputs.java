package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns manifests, objects and cluster listings into {@link MeshObject}s. Manifests are read as plain trees, so any
 * Istio API version reads alike; {@code List} kinds are expanded.
 */
public final class MeshInputs {
  private static final ObjectMapper YAML = new YAMLMapper();

  private MeshInputs() {}

  /** The objects of YAML or JSON text with one or more documents. */
  public static List<MeshObject> parse(String text, String source) {
    List<MeshObject> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc != null && doc.isObject()) add(doc, out);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + ": not valid YAML (" + e.getMessage().lines().findFirst()
          .orElse("") + ")", e);
    }
    return out;
  }

  /** The objects of a manifest file, or of every manifest file under a directory in name order. */
  public static List<MeshObject> read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
          files = walk.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
              .collect(Collectors.toList());
        }
        List<MeshObject> out = new ArrayList<>();
        for (Path file : files) out.addAll(parse(Files.readString(file), file.toString()));
        return out;
      }
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
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
