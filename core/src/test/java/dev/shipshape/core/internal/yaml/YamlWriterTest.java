package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.LibraryYaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlWriterTest {
  private static final String LONG_WORDS = "a value with spaces that is long enough to run past the eightieth column";

  /** Strings that need quoting or a block style, or look like other YAML types. */
  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "True", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "~x", "",
      "0123", "1", "-1", "+1", "1.5", ".5", "1.", "-", "+", ".", "1e3", "0x1F", "1_000", "2001-12-14", ":", "a:",
      "a: b", "a:b", "http://x:80/p", " lead", "trail ", "two  spaces", "line\nbreak", "line\n", "ünïcödé", "日本",
      "*x", "&y", "!z", "- a", "-a", "#c", "a #c", "a#c", "? q", "|", ">", "'s'", "\"d\"", "%p", "@at", "`b",
      "[a]", "{a}", "a,b", "tab\there", "---", "...", "...x", "<<", "=", "a=b", "x@y.z", "1Gi", "100m",
      LONG_WORDS, LONG_WORDS + " " + LONG_WORDS, "a-very-long-value-without-any-spaces-that-runs-well-past-the-"
          + "eightieth-column-of-the-line"})
  void everyStringIsWrittenAsTheLibraryWritesItAndReadsBack(String value) {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("m").withNamespace("shop")
        .addToAnnotations(value.isEmpty() ? "empty" : value, value).endMetadata()
        .withData(Map.of("key", value)).build();

    String yaml = YamlWriter.object(map);

    assertThat(yaml).isEqualTo(LibraryYaml.object(map));
    ConfigMap read = (ConfigMap) Manifests.parse(yaml).get(0);
    assertThat(read.getData()).containsEntry("key", value);
    assertThat(read.getMetadata().getAnnotations()).containsEntry(value.isEmpty() ? "empty" : value, value);
    YamlWriter.blockObject(map).ifPresent(block -> assertThat(block).isEqualTo(yaml));
  }

  @Test
  void mapEntriesAreWrittenInKeyOrderWhateverOrderTheSpecBuiltThemIn() {
    java.util.LinkedHashMap<String, String> zFirst = new java.util.LinkedHashMap<>();
    zFirst.put("track", "stable");
    zFirst.put("app.kubernetes.io/name", "web");
    zFirst.put("app.kubernetes.io/instance", "shop");
    java.util.LinkedHashMap<String, String> aFirst = new java.util.LinkedHashMap<>();
    aFirst.put("app.kubernetes.io/instance", "shop");
    aFirst.put("app.kubernetes.io/name", "web");
    aFirst.put("track", "stable");

    String one = YamlWriter.object(labelled(zFirst));
    String other = YamlWriter.object(labelled(aFirst));

    assertThat(one).isEqualTo(other).contains("""
          labels:
            app.kubernetes.io/instance: shop
            app.kubernetes.io/name: web
            track: stable
        """);
  }

  private static ConfigMap labelled(Map<String, String> labels) {
    return new ConfigMapBuilder().withNewMetadata().withName("m").withLabels(labels).endMetadata().build();
  }

  @Test
  void writesCommonObjectsItselfAsTheLibraryDoes() {
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop")
        .addToLabels("app.kubernetes.io/name", "web").addToLabels("on", "true").addToLabels("8080", "0123")
        .addToAnnotations("example.com/risks", "BIND,ESCALATE,IMPERSONATE,NODE_PROXY,POD_EXEC,SECRETS_READ,WILDCARD")
        .addToAnnotations("example.com/schedule", "0 3 * * *").addToAnnotations("example.com/tag", "a#b!c'd")
        .endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("registry.example.com/web:1.2.3@sha256:abc")
        .withArgs("--port=8080", "serve").addNewPort().withContainerPort(8080).withName("http").endPort()
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("1"))
        .endResources()
        .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
        .endHttpGet().endReadinessProbe()
        .endContainer()
        .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).endSecurityContext()
        .endSpec().endTemplate().endSpec().build();

    assertThat(YamlWriter.blockObject(deployment)).contains(LibraryYaml.object(deployment));
    assertThat(YamlWriter.object(deployment)).contains("      - emptyDir: {}\n        name: cache\n")
        .contains("        - --port=8080\n").contains("    \"8080\": \"0123\"\n")
        .contains("    example.com/risks: \"BIND,ESCALATE,IMPERSONATE,NODE_PROXY,POD_EXEC,SECRETS_READ,WILDCARD\"\n")
        .contains("    example.com/schedule: 0 3 * * *\n");
  }

  @Test
  void nestedAndEmptyContainersAreWrittenAsTheLibraryWritesThem() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("empty");
    root.putArray("none");
    root.putArray("matrix").add(JsonNodeFactory.instance.arrayNode().add(1).add(2))
        .add(JsonNodeFactory.instance.arrayNode()).add(JsonNodeFactory.instance.objectNode())
        .add(JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode().put("a", "b").put("c", 1.5)));
    root.putObject("deep").putObject("deeper").putArray("list").addObject().putArray("inner").add(true).addNull();
    root.put("long", 12345678901L).put("negative", -3).put("fraction", 0.25);

    assertThat(YamlWriter.blockTree(root)).contains(LibraryYaml.tree(root));
    assertThat(YamlWriter.tree(JsonNodeFactory.instance.objectNode())).isEqualTo("{}\n");
  }

  @Test
  void quotesStringsThatYamlReadersTakeForNumbersTimestampsOrMerges() {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("m").addToAnnotations("<<", "0x1F")
        .endMetadata().withData(Map.of("exponent", "1e3", "octal", "0o17", "infinity", ".inf", "date", "2001-12-14",
            "plain", "1Gi")).build();

    String yaml = YamlWriter.object(map);

    assertThat(yaml).contains("    \"<<\": \"0x1F\"\n", "  exponent: \"1e3\"\n", "  octal: \"0o17\"\n",
        "  infinity: \".inf\"\n", "  date: \"2001-12-14\"\n", "  plain: 1Gi\n");
  }

  @Test
  void leavesToTheLibraryWhatItCannotBeSureOf() {
    for (String value : List.of("line\nbreak", "*x", "ünïcödé", "a, b", LONG_WORDS + " " + LONG_WORDS, "'s'")) {
      JsonNode tree = JsonNodeFactory.instance.objectNode().put("key", value);
      assertThat(YamlWriter.blockTree(tree)).as(value).isEmpty();
      assertThat(YamlWriter.tree(tree)).as(value).isEqualTo(LibraryYaml.tree(tree));
    }
    ObjectNode longKey = JsonNodeFactory.instance.objectNode().put("k".repeat(130), "v");
    assertThat(YamlWriter.blockTree(longKey)).isEmpty();
    assertThat(YamlWriter.tree(longKey)).isEqualTo(LibraryYaml.tree(longKey));
  }
}
