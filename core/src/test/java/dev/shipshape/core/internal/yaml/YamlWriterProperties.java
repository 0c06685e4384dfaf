package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.LibraryYaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The block generator against the library, on random documents: the same text, byte for byte, whether the block
 * generator writes the document or leaves it to the library; and strings read back as they were.
 */
class YamlWriterProperties {
  private static final String TRICKY = "aZ09 :#-*&!\"'\n.\\/=@+,[]{}~é\t%|>?`";

  @Property(tries = 300)
  void treesAreWrittenAsTheLibraryWritesThem(@ForAll("documents") ObjectNode document) {
    Optional<String> block = YamlWriter.blockTree(document);
    Statistics.label("written by the block generator").collect(block.isPresent());
    Statistics.label("written by the block generator").coverage(c -> c.check(true).percentage(p -> p > 20));

    String expected = LibraryYaml.tree(document);
    block.ifPresent(text -> assertThat(text).isEqualTo(expected));
    assertThat(YamlWriter.tree(document)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void stringsReadBackAsTheyWere(@ForAll("stringDocuments") ObjectNode document) {
    String yaml = YamlWriter.tree(document);

    assertThat(yaml).isEqualTo(LibraryYaml.tree(document));
    assertThat(Manifests.parseYamlTrees(yaml, "test")).containsExactly(document);
  }

  @Property(tries = 200)
  void modelObjectsAreWrittenAsTheLibraryWritesThem(@ForAll("stringDocuments") ObjectNode content) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion("example.com/v1");
    resource.setKind("Thing");
    resource.setAdditionalProperties(Map.of("spec", Manifests.convert(content, Map.class)));

    assertThat(YamlWriter.object(resource)).isEqualTo(LibraryYaml.object(resource));
  }

  @Provide
  Arbitrary<ObjectNode> documents() {
    return map(node(3, scalars()));
  }

  @Provide
  Arbitrary<ObjectNode> stringDocuments() {
    return map(node(3, strings().map(TextNode::valueOf)));
  }

  private static Arbitrary<JsonNode> node(int depth, Arbitrary<JsonNode> scalars) {
    if (depth == 0) return scalars;
    Arbitrary<JsonNode> child = node(depth - 1, scalars);
    Arbitrary<JsonNode> list = child.list().ofMaxSize(4).map(items -> {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      items.forEach(array::add);
      return array;
    });
    return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(2, map(child)), Tuple.of(1, list));
  }

  private static Arbitrary<ObjectNode> map(Arbitrary<JsonNode> values) {
    return Arbitraries.maps(keys(), values).ofMaxSize(4).map(entries -> {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      entries.forEach(object::set);
      return object;
    });
  }

  private static Arbitrary<JsonNode> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, strings().map(TextNode::valueOf)),
        Tuple.of(1, Arbitraries.integers().map(IntNode::valueOf)),
        Tuple.of(1, Arbitraries.longs().map(LongNode::valueOf)),
        Tuple.of(1, Arbitraries.doubles().map(DoubleNode::valueOf)),
        Tuple.of(1, Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance)));
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.strings().withCharRange('a', 'z').withChars("./-_0").ofMinLength(1).ofMaxLength(20)),
        Tuple.of(2, Arbitraries.strings().withChars(TRICKY.replace("<", "")).ofMaxLength(6)),
        Tuple.of(1, Arbitraries.of("on", "y", "No", "8080", "-x", ".x", "_x", "/x", "null", "~")),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'c').ofMinLength(95).ofMaxLength(135)));
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.-/:=@+_ ").ofMaxLength(16)),
        Tuple.of(3, Arbitraries.strings().withChars(TRICKY).ofMaxLength(8)),
        Tuple.of(2, Arbitraries.strings().withCharRange('a', 'e').withChars(" ").ofMinLength(40).ofMaxLength(90)),
        Tuple.of(2, Arbitraries.of("true", "no", "y", "null", "~", "0123", "1.5", "-", "+1", ".5", "1e3", "0x1F",
            "--flag", "---", "...", "-a", "a:", "x: y", "", " ", "1.", "-.5")));
  }
}
