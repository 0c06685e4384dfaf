package dev.shipshape.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void numbersOfTheSameValueAreTheSameWhateverTheirType() {
    assertThat(JsonNumbers.same(NODES.numberNode(0), NODES.numberNode(0.0))).isTrue();
    assertThat(JsonNumbers.same(NODES.numberNode(4294967295L), NODES.numberNode(4.294967295E9))).isTrue();
    assertThat(JsonNumbers.same(NODES.numberNode(1), NODES.numberNode(1.5))).isFalse();
  }

  @Test
  void textAndNonFiniteNumbersAreNotComparedByValue() {
    assertThat(JsonNumbers.same(NODES.numberNode(1), TextNode.valueOf("1"))).isFalse();
    assertThat(JsonNumbers.same(NODES.numberNode(Double.NaN), NODES.numberNode(1))).isFalse();
    assertThat(JsonNumbers.same(NODES.numberNode(Double.POSITIVE_INFINITY),
        NODES.numberNode(Double.POSITIVE_INFINITY))).isTrue();
  }
}
