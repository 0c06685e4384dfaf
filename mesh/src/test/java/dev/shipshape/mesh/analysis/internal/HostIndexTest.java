package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class HostIndexTest {
  /** A host added to a group, with its value. */
  private record Added(String group, String host, int value) { }

  private static HostIndex<Integer> index(List<Added> hosts) {
    HostIndex<Integer> index = new HostIndex<>();
    for (Added a : hosts) index.add(a.group(), a.host(), a.value());
    return index;
  }

  /**
   * What the index stands for: every host compared with the name in the order added, where a group that holds a
   * host already keeps its first value.
   */
  private static Optional<Integer> scanned(List<Added> hosts, List<String> groups, String name) {
    Set<String> seen = new HashSet<>();
    for (Added a : hosts) {
      if (!seen.add(a.group() + "/" + a.host())) continue;
      if (groups.contains(a.group()) && Hosts.subsetOf(name, a.host())) return Optional.of(a.value());
    }
    return Optional.empty();
  }

  @Property(tries = 400)
  void findsWhatComparingEveryHostFinds(@ForAll("hosts") List<Added> hosts, @ForAll("groups") List<String> groups,
      @ForAll("names") String name) {
    assertThat(index(hosts).firstCovering(groups, name)).isEqualTo(scanned(hosts, groups, name));
  }

  @Property(tries = 400)
  void matchingFindsWhatComparingEveryHostFinds(@ForAll("hosts") List<Added> hosts, @ForAll("group") String group,
      @ForAll("names") String name) {
    List<Integer> scanned = new ArrayList<>();
    for (Added a : hosts) {
      if (a.group().equals(group) && Hosts.matches(a.host(), name)) scanned.add(a.value());
    }
    assertThat(index(hosts).matching(group, name)).containsExactlyElementsOf(scanned);
  }

  @Provide
  Arbitrary<String> group() {
    return Arbitraries.of("shop", "*", "");
  }

  @Provide
  Arbitrary<List<Added>> hosts() {
    Arbitrary<Added> added = Combinators.combine(Arbitraries.of("shop", "*", ""), names(),
        Arbitraries.integers().between(0, 1000)).as(Added::new);
    return added.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<String>> groups() {
    return Arbitraries.of("shop", "*", "", "other").list().ofMinSize(1).ofMaxSize(2);
  }

  /**
   * Names from a few short labels, so that hosts and names often are equal or share suffixes: plain, wildcards with
   * and without a dot, and the lone {@code *}.
   */
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> plain = Arbitraries.of("a", "b", "ab", "com").list().ofMinSize(1).ofMaxSize(2)
        .map(labels -> String.join(".", labels));
    Arbitrary<String> prefixed = Combinators.combine(Arbitraries.of("", "", "*.", "*"), plain).as(String::concat);
    return Arbitraries.frequencyOf(Tuple.of(29, prefixed), Tuple.of(1, Arbitraries.just("*")));
  }

  @Test
  void aWildcardCoversTheNamesUnderItAndTheHostAddedFirstWins() {
    HostIndex<String> index = new HostIndex<>();
    index.add("*", "*.example.com", "wide");
    index.add("*", "api.example.com", "exact");
    index.add("shop", "*.api.example.com", "narrow");

    assertThat(index.firstCovering(List.of("shop", "*"), "v1.api.example.com")).contains("wide");
    assertThat(index.firstCovering(List.of("shop"), "v1.api.example.com")).contains("narrow");
    assertThat(index.firstCovering(List.of("*"), "api.example.com")).contains("wide");
    assertThat(index.firstCovering(List.of("*"), "*.api.example.com")).contains("wide");
    assertThat(index.firstCovering(List.of("*"), "example.com")).isEmpty();
    assertThat(index.firstCovering(List.of("other"), "api.example.com")).isEmpty();
  }

  @Test
  void anExactHostCoversOnlyItselfAndTheFirstValueOfAHostStays() {
    HostIndex<String> index = new HostIndex<>();
    index.add("", "db.example.net", "first");
    index.add("", "db.example.net", "second");

    assertThat(index.firstCovering(List.of(""), "db.example.net")).contains("first");
    assertThat(index.firstCovering(List.of(""), "*.example.net")).isEmpty();
    assertThat(index.firstCovering(List.of(""), "x.db.example.net")).isEmpty();
  }

  @Test
  void aLoneStarCoversEveryNameAndAWildcardWithoutADotCoversItsWholeSuffix() {
    HostIndex<String> index = new HostIndex<>();
    index.add("", "*com", "com");
    index.add("", "*", "all");

    assertThat(index.firstCovering(List.of(""), "com")).contains("com");
    assertThat(index.firstCovering(List.of(""), "example.com")).contains("com");
    assertThat(index.firstCovering(List.of(""), "co")).contains("all");
    assertThat(index.firstCovering(List.of(""), "")).contains("all");
    assertThat(index.firstCovering(List.of(""), "*")).contains("all");
  }
}
