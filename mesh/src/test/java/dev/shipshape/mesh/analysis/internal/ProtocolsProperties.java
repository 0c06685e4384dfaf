package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code protocol.Parse} knows a protocol in any case, and nothing else: a known name with each letter in either
 * case is known, and with a character more, or with a letter replaced by one that only upper-cases to an ASCII
 * letter, unknown.
 */
class ProtocolsProperties {

  @Property(tries = 200)
  void aKnownNameIsKnownInAnyCase(@ForAll("known") String name, @ForAll List<Boolean> upper) {
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean up = i < upper.size() && upper.get(i);
      mixed.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    assertThat(Protocols.known(mixed.toString())).as(mixed.toString()).isTrue();
  }

  @Property(tries = 200)
  void aKnownNameWithACharacterMoreOrALookalikeIsUnknown(@ForAll("known") String name, @ForAll("edits") int edit,
      @ForAll("lookalikes") char lookalike) {
    int at = edit % name.length();
    String changed = edit % 2 == 0 ? name + "x" : name.substring(0, at) + lookalike + name.substring(at + 1);
    assertThat(Protocols.known(changed)).as(changed).isFalse();
  }

  @Provide
  Arbitrary<String> known() {
    return Arbitraries.of(Protocols.ISTIO);
  }

  @Provide
  Arbitrary<Integer> edits() {
    return Arbitraries.integers().between(0, 1000);
  }

  /** Letters whose upper case is an ASCII letter while their lower case is not one: the dotless ı, the long ſ. */
  @Provide
  Arbitrary<Character> lookalikes() {
    return Arbitraries.of('ı', 'ſ');
  }
}
