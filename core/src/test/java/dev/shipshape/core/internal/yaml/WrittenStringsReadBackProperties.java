package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.testing.LibraryYaml;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every string the writer writes, as a key or a value, is read back as the same string by the reader, which reads
 * scalars as Kubernetes does (YAML 1.1, Go's number syntax): so the writer quotes whatever kubectl would take for a
 * boolean, null or number. The strings are drawn from the characters of those words and numbers.
 */
class WrittenStringsReadBackProperties {
  @Property(tries = 3000)
  void stringsReadBackAsTheSameStrings(@ForAll("nearlyNumbers") String text) {
    ObjectNode document = JsonNodeFactory.instance.objectNode().put(text, text);

    String yaml = YamlWriter.tree(document);

    assertThat(yaml).isEqualTo(LibraryYaml.tree(document));
    assertThat(YamlReader.read(yaml, "test").get(0).content()).as(yaml).contains(document);
  }

  @Provide
  Arbitrary<String> nearlyNumbers() {
    Arbitrary<String> words = Arbitraries.of("y", "Y", "yes", "Yes", "YES", "n", "NO", "on", "On", "OFF", "True",
        "null", "~", ".inf", "-.Inf", ".NaN", "0x1F", "0X1F", "0o17", "0O17", "0b101", "0B101", "017", "09", "1_000",
        "1e3", "+12", "-.5", "1.", "1:20", "2001-12-14", "18446744073709551615", "1e400", "<<");
    Arbitrary<String> shapes = Arbitraries.strings().withChars("0123456789+-_.eExXoObBiInNfF~:").ofMinLength(1)
        .ofMaxLength(8);
    return Arbitraries.oneOf(words, shapes);
  }
}
