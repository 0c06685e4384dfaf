package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The candidates of a selector hold every item it matches, in the order added, once each, and no more items than
 * carry its rarest label or requirement; labels added later are found too, and a label may have no value.
 */
class LabelIndexProperties {
  private static final List<String> KEYS = List.of("tier", "team", "zone");
  private static final List<String> VALUES = List.of("a", "b", "c");

  @Property(tries = 300)
  void candidatesHoldEveryMatchInOrderAndNoMoreThanTheRarestLabel(@ForAll("items") List<Map<String, String>> labels,
      @ForAll("items") List<Map<String, String>> later, @ForAll("labels") Map<String, String> matchLabels,
      @ForAll("labels") Map<String, String> inPicks) {
    LabelIndex<Integer> index = new LabelIndex<>();
    List<Map<String, String>> actual = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      assertThat(index.add(i, labels.get(i))).isEqualTo(i);
      actual.add(new HashMap<>(labels.get(i)));
    }
    for (int i = 0; i < Math.min(later.size(), labels.size()); i++) {
      // Later labels only add: amendments and the like never take a label away.
      Map<String, String> added = new HashMap<>(later.get(i));
      added.keySet().removeAll(actual.get(i).keySet());
      index.addLabels(i, added);
      actual.get(i).putAll(added);
    }
    // Each picked key's In requirement holds its value and one more.
    Map<String, List<String>> in = new TreeMap<>();
    inPicks.forEach((key, value) -> in.put(key, value == null ? List.of("b") : List.of(value, "c")));

    List<Integer> candidates = index.candidates(matchLabels, in);

    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < actual.size(); i++) if (matches(actual.get(i), matchLabels, in)) matching.add(i);
    assertThat(candidates).as("ascending, once each").isSorted().doesNotHaveDuplicates();
    assertThat(candidates).containsAll(matching);
    long fewest = actual.size();
    for (Map.Entry<String, String> label : matchLabels.entrySet()) {
      fewest = Math.min(fewest, actual.stream().filter(l -> l.containsKey(label.getKey())
          && Objects.equals(l.get(label.getKey()), label.getValue())).count());
    }
    for (Map.Entry<String, List<String>> requirement : in.entrySet()) {
      fewest = Math.min(fewest, actual.stream().filter(l -> l.containsKey(requirement.getKey())
          && isIn(l.get(requirement.getKey()), requirement.getValue())).count());
    }
    assertThat((long) candidates.size()).as("candidates against the items with the rarest label").isEqualTo(fewest);
  }

  @Test
  void anEmptySelectorHasEveryItemAsCandidate() {
    LabelIndex<String> index = new LabelIndex<>();
    index.add("shop", Map.of("tier", "tenant"));
    index.add("kube-system", null);

    assertThat(index.candidates(Map.of())).containsExactly("shop", "kube-system");
    assertThat(index.all()).containsExactly("shop", "kube-system");
  }

  @Test
  void noLabelsAddNothing() {
    LabelIndex<String> index = new LabelIndex<>();
    index.add("shop", null);
    index.addLabels(0, null);

    assertThat(index.candidates(Map.of("tier", "tenant"))).isEmpty();
    assertThat(index.candidates(Map.of())).containsExactly("shop");
  }

  @Test
  void labelsCannotBeAddedToAnItemNotInTheIndex() {
    LabelIndex<String> index = new LabelIndex<>();
    index.add("shop", Map.of());

    assertThatThrownBy(() -> index.addLabels(1, Map.of("tier", "tenant")))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("no item at position 1 of 1");
  }

  private static boolean matches(Map<String, String> labels, Map<String, String> matchLabels,
      Map<String, List<String>> in) {
    for (Map.Entry<String, String> label : matchLabels.entrySet()) {
      if (!labels.containsKey(label.getKey()) || !Objects.equals(labels.get(label.getKey()), label.getValue())) {
        return false;
      }
    }
    for (Map.Entry<String, List<String>> requirement : in.entrySet()) {
      if (!labels.containsKey(requirement.getKey())
          || !isIn(labels.get(requirement.getKey()), requirement.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** A label without a value is in no requirement's values. */
  private static boolean isIn(String value, List<String> values) {
    return value != null && values.contains(value);
  }

  @Provide
  Arbitrary<List<Map<String, String>>> items() {
    return labels().list().ofMaxSize(20);
  }

  /** Up to three labels; a value is sometimes missing (null), as in YAML {@code tier:}. */
  @Provide
  Arbitrary<Map<String, String>> labels() {
    Arbitrary<String> value = Arbitraries.of(VALUES).injectNull(0.15);
    return Combinators.combine(Arbitraries.subsetOf(KEYS), value.list().ofSize(KEYS.size())).as((keys, values) -> {
      Map<String, String> labels = new LinkedHashMap<>();
      for (int i = 0; i < KEYS.size(); i++) if (keys.contains(KEYS.get(i))) labels.put(KEYS.get(i), values.get(i));
      return labels;
    });
  }
}
