package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Merge keys as go-yaml v2 reads them for kubectl: set in place, in the order written. */
class YamlReaderMergeTest {

  private static String read(String yaml) {
    return YamlReader.read(yaml, "f.yaml").get(0).content().orElseThrow().get("m").toString();
  }

  @Test
  void aMergeOverwritesAKeyWrittenBeforeIt() {
    assertThat(read("m:\n  k: own\n  <<: {k: merged, m: 1}\n")).isEqualTo("{\"k\":\"merged\",\"m\":1}");
  }

  @Test
  void aKeyWrittenAfterAMergeOverwritesIt() {
    assertThat(read("m:\n  <<: {k: merged, m: 1}\n  k: own\n")).isEqualTo("{\"k\":\"own\",\"m\":1}");
  }

  @Test
  void theEarlierMapOfAListWins() {
    String anchors = "a: &a {k: a, x: 1}\nb: &b {k: b, w: 2}\n";
    assertThat(read(anchors + "m: {<<: [*a, *b]}\n")).isEqualTo("{\"k\":\"a\",\"w\":2,\"x\":1}");
    assertThat(read(anchors + "m: {k: own, <<: [*b, *a]}\n")).isEqualTo("{\"k\":\"b\",\"x\":1,\"w\":2}");
    assertThat(read(anchors + "m: {<<: [*a, *b], k: own}\n")).isEqualTo("{\"k\":\"own\",\"w\":2,\"x\":1}");
  }

  @Test
  void aLaterMergeKeyOverwritesAnEarlierOne() {
    assertThat(read("m: {<<: {k: 1}, <<: {k: 2}}\n")).isEqualTo("{\"k\":2}");
  }

  @Test
  void nestedMergesAreReadInsideOut() {
    assertThat(read("m:\n  <<:\n    <<: {k: inner, i: 1}\n    k: outer\n")).isEqualTo("{\"k\":\"outer\",\"i\":1}");
    assertThat(read("m:\n  <<:\n    k: outer\n    <<: {k: inner, i: 1}\n")).isEqualTo("{\"k\":\"inner\",\"i\":1}");
  }

  @Test
  void anAliasOfAMapHoldingAMergeBringsItsMergedKeys() {
    String base = "base: &base\n  k: own\n  <<: {k: merged, j: 1}\n";
    assertThat(read(base + "m: {z: 0, <<: *base}\n")).isEqualTo("{\"z\":0,\"k\":\"merged\",\"j\":1}");
    assertThat(read(base + "m: {<<: *base, j: 2}\n")).isEqualTo("{\"k\":\"merged\",\"j\":2}");
  }

  @Test
  void aNonSpecificOrMergeTagMakesAMergeKeyAndQuotingAloneDoesNot() {
    assertThat(read("m: {k: 0, ! <<: {k: 1}}\n")).isEqualTo("{\"k\":1}");
    assertThat(read("m: {k: 0, ! '<<': {k: 1}}\n")).isEqualTo("{\"k\":1}");
    assertThat(read("m: {k: 0, !!merge \"<<\": {k: 1}}\n")).isEqualTo("{\"k\":1}");
    assertThat(read("m: {k: 0, '<<': {k: 1}}\n")).isEqualTo("{\"k\":0,\"<<\":{\"k\":1}}");
    assertThat(read("m: {k: 0, !!str <<: {k: 1}}\n")).isEqualTo("{\"k\":0,\"<<\":{\"k\":1}}");
  }

  @Test
  void aKeyWrittenTwiceAroundAMergeIsStillADuplicate() {
    assertThatThrownBy(() -> read("m:\n  k: 1\n  <<: {j: 2}\n  k: 3\n"))
        .hasMessage("f.yaml, line 4: duplicate key 'k' in the same mapping, as Kubernetes reads keys — keep one of "
            + "them, or quote a key that is meant as text");
  }

  @Test
  void aMergeTakesOnlyMaps() {
    assertThatThrownBy(() -> read("l: &l [{k: 1}]\nm: {<<: *l}\n"))
        .hasMessage("f.yaml, line 2: the merge key << takes a map, an alias of a map or a list of them, not the "
            + "alias *l of a list");
    assertThatThrownBy(() -> read("s: &s x\nm: {<<: [*s]}\n"))
        .hasMessage("f.yaml, line 2: the merge key << takes a map, an alias of a map or a list of them");
    assertThatThrownBy(() -> read("m: {<<: 5}\n"))
        .hasMessage("f.yaml, line 1: the merge key << takes a map, an alias of a map or a list of them");
  }
}
