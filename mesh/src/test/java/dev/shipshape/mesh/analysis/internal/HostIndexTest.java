package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

class HostIndexTest {
  /** A host added to a group, with its value. */
  private static final class Added {
    final String group;
    final String host;
    final int value;

    Added(String group, String host, int value) {
      this.group = group;
      this.host = host;
      this.value = value;
    }
  }

  private static HostIndex<Integer> index(List<Added> hosts) {
    HostIndex<Integer> index = new HostIndex<>();
    for (Added a : hosts) index.add(a.group, a.host, a.value);
    return index;
  }

  /**
   * What the index stands for: every host compared with the name in the order added, where a group that holds a
   * host already keeps its first value.
   */
  private static Optional<Integer> scanned(List<Added> hosts, List<String> groups, String name) {
    Set<String> seen = new HashSet<>();
    for (Added a : hosts) {
      if (!seen.add(a.group + "/" + a.host)) continue;
      if (groups.contains(a.group) && Hosts.subsetOf(name, a.host)) return Optional.of(a.value);
    }
    return Optional.empty();
  }

  @Property(tries = 400)
  void findsWhatComparingEveryHostFinds(@ForAll("hosts") List<Added> hosts, @ForAll("groups") List<String> groups,
      @ForAll("names") String name) {
    assertThat(index(hosts).firstCovering(groups, name)).isEqualTo(scanned(hosts, groups, name));
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

  /** Names from a few labels, so that hosts and names often share suffixes; wildcards with and without a dot. */
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> plain = Arbitraries.of("a", "b", "ab", "com", "svc").list().ofMinSize(1).ofMaxSize(3)
        .map(labels -> String.join(".", labels));
    return Combinators.combine(Arbitraries.of("", "", "*.", "*"), plain).as(String::concat)
        .injectDuplicates(0.2).edgeCases(e -> e.add("*"));
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
  void aLoneStarCoversEveryName() {
    HostIndex<String> index = new HostIndex<>();
    index.add("", "*", "all");

    assertThat(index.firstCovering(List.of(""), "anything.at.all")).contains("all");
    assertThat(index.firstCovering(List.of(""), "*")).contains("all");
  }
}
