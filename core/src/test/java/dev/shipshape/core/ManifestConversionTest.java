package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.testing.SharedData;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Manifests#convert} reads a JSON tree straight into the model class it picks for the tree's apiVersion and
 * kind; the result must be the object that fabric8's own conversion (its registry of every model class, through a
 * serialized copy of the tree) gives.
 */
class ManifestConversionTest {
  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

  @Test
  void theExamplesManifestsConvertAsFabric8ConvertsThem() throws IOException {
    List<JsonNode> trees = trees(Paths.get("..", "examples", "specs"));
    assertThat(trees).hasSizeGreaterThanOrEqualTo(3);
    trees.forEach(ManifestConversionTest::convertsAsFabric8);
  }

  @Test
  void theSharedCrdsAndConformanceCasesConvertAsFabric8ConvertsThem() throws IOException {
    List<JsonNode> trees = new ArrayList<>(trees(SharedData.require("k8s-reference/crds")));
    trees.addAll(trees(SharedData.require("conformance")));
    assertThat(trees).hasSizeGreaterThan(100);
    trees.forEach(ManifestConversionTest::convertsAsFabric8);
  }

  @Test
  void aTreeConvertedToATreeTypeIsACopyAsFabric8sConversionGives() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    tree.putObject("data").put("mode", "strict");

    ObjectNode asObject = Manifests.convert(tree, ObjectNode.class);
    JsonNode asNode = Manifests.convert(tree, JsonNode.class);
    asObject.with("data").put("mode", "changed");
    ((ObjectNode) asNode).remove("data");

    assertThat(asObject).isNotSameAs(tree);
    assertThat(asNode).isNotSameAs(tree);
    assertThat(tree.path("data").path("mode").asText()).isEqualTo("strict");
  }

  @Test
  void aConvertedObjectSharesNoNodeWithItsTree() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("apiVersion", "apiextensions.k8s.io/v1")
        .put("kind", "CustomResourceDefinition");
    tree.putObject("metadata").put("name", "widgets.example.com");
    ObjectNode schema = tree.putObject("spec").put("group", "example.com").putArray("versions").addObject()
        .put("name", "v1").putObject("schema").putObject("openAPIV3Schema").put("type", "object");
    schema.putObject("default").put("size", 1);

    KubernetesResource converted = Manifests.convert(tree, KubernetesResource.class);
    schema.with("default").put("size", 2);

    assertThat(Manifests.toTree((HasMetadata) converted).at("/spec/versions/0/schema/openAPIV3Schema/default/size")
        .asInt()).isEqualTo(1);
  }

  @Property(tries = 300)
  void generatedObjectsConvertAsFabric8ConvertsThem(@ForAll("objects") ObjectNode object) {
    convertsAsFabric8(object);
  }

  @Provide
  Arbitrary<ObjectNode> objects() {
    Arbitrary<String> apiVersions = Arbitraries.of("v1", "apps/v1", "batch/v1", "networking.k8s.io/v1",
        "rbac.authorization.k8s.io/v1", "policy/v1", "storage.k8s.io/v1", "apiextensions.k8s.io/v1",
        "networking.istio.io/v1", "security.istio.io/v1beta1", "velero.io/v1", "example.com/v1alpha1",
        "extensions/v1beta1", "route.openshift.io/v1", "v2", "/v1", "apps/v1/x");
    Arbitrary<String> kinds = Arbitraries.of("Pod", "Deployment", "Namespace", "ConfigMap", "Secret", "Service",
        "Job", "CronJob", "NetworkPolicy", "Ingress", "Role", "ClusterRoleBinding", "PodDisruptionBudget",
        "StorageClass", "CustomResourceDefinition", "VirtualService", "PeerAuthentication", "Schedule", "Widget",
        "List", "PodList", "Route", "Event", "Status", "Binding");
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<Integer> numbers = Arbitraries.integers().between(-3, 70_000);
    return Combinators.combine(apiVersions, kinds, names, numbers).as((apiVersion, kind, name, number) -> {
      ObjectNode object = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
      object.putObject("metadata").put("name", name).putObject("labels").put("app", name);
      ObjectNode spec = object.putObject("spec");
      spec.put("replicas", number).put("host", name).putArray("ports").addObject().put("port", number);
      spec.putObject("extra").put("ratio", number / 7.0).put("big", (long) number * 1_000_000_000L);
      return object;
    });
  }

  private static void convertsAsFabric8(JsonNode tree) {
    KubernetesResource expected;
    try {
      expected = FABRIC8.convertValue(tree, KubernetesResource.class);
    } catch (IllegalArgumentException e) {
      // fabric8 rejects it: so must the new conversion, with the same first line.
      String firstLine = e.getMessage().split("\n")[0];
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.convert(tree, KubernetesResource.class))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(thrown -> assertThat(thrown.getMessage().split("\n")[0]).isEqualTo(firstLine));
      return;
    }
    KubernetesResource actual = Manifests.convert(tree, KubernetesResource.class);
    // Lists have no equals: their JSON is compared.
    assertThat(actual).as("%s", tree.path("kind")).isExactlyInstanceOf(expected.getClass());
    assertThat(FABRIC8.asJson(actual)).isEqualTo(FABRIC8.asJson(expected));
    if (actual instanceof HasMetadata) {
      assertThat(actual).isEqualTo(expected);
      assertThat(Manifests.fromTree(tree)).isEqualTo(expected);
    }
  }

  private static List<JsonNode> trees(Path root) throws IOException {
    List<JsonNode> trees = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(Manifests::isManifestFile).sorted()
          .collect(Collectors.toList());
    }
    for (Path file : files) {
      try {
        for (JsonNode tree : Manifests.parseYamlTrees(Files.readString(file), file.toString())) {
          if (tree.isObject() && tree.has("kind")) trees.add(tree);
        }
      } catch (IllegalArgumentException | UncheckedIOException e) {
        // Not YAML (a chart template, a case meant to fail): nothing to convert.
      }
    }
    return trees;
  }
}
