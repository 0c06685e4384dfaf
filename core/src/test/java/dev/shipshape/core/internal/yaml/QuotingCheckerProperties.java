package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The quick test of the quoting rule (a character that no number, timestamp, null, merge key or environment
 * variable holds makes a string) never disagrees with the readers' resolvers, on scalars one character away from those that are not
 * strings.
 */
class QuotingCheckerProperties {
  private static final List<String> NOT_STRINGS = List.of("0x1F", "0o17", "0b101", "017", "1_000", "190:20:30",
      "1e3", "-.5", "+12", "0.5e-3", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
      "2001-12-14 21:59:43.10 -5", "~", "<<", " ", "8080", "1.", "0", "${HOME}", "${X:-default}", "0X1F", "0O17",
      "-0B101", "+0o7", "0_x1F", "09");

  @Example
  void everyTemplateIsReadAsAnotherType() {
    for (String text : NOT_STRINGS) assertThat(QuotingChecker.readAsAnotherType(text)).as(text).isTrue();
  }

  @Property(tries = 3000)
  void theQuickTestAgreesWithTheResolvers(@ForAll("nearlyNotStrings") String text) {
    boolean expected = !text.isEmpty() && !Character.isLetter(text.charAt(0))
        && QuotingChecker.readByTheResolversAsAnotherType(text);
    assertThat(QuotingChecker.readAsAnotherType(text)).as("'%s'", text).isEqualTo(expected);
  }

  /** A template with one character inserted or replaced, from the whole of printable ASCII and a few more. */
  @Provide
  Arbitrary<String> nearlyNotStrings() {
    Arbitrary<String> template = Arbitraries.of(NOT_STRINGS);
    Arbitrary<Character> character = Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'),
        Arbitraries.of('\t', 'é', 'İ', '\u00a0'));
    return Combinators.combine(template, character, Arbitraries.integers().between(0, 40), Arbitraries.of(true, false))
        .as((text, c, at, insert) -> {
          int position = at % (text.length() + (insert ? 1 : 0));
          return text.substring(0, position) + c + text.substring(Math.min(text.length(), position + (insert ? 0 : 1)));
        });
  }
}
