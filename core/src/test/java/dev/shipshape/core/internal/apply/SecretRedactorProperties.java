package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.diff.FieldChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Redaction searches a text once per distinct length of the Secret values: it hides what a naive search for every
 * occurrence of every value hides, and where values stand apart, what replacing each value in turn, longest first,
 * hid.
 */
class SecretRedactorProperties {

  /**
   * Over texts of two letters, where values overlap and touch each other all the time, redaction equals a naive
   * search: every occurrence of every value (a short one only where no letter or digit touches it), overlapping
   * occurrences merged, each merged run replaced.
   */
  @Property(tries = 500)
  void everyOccurrenceIsHiddenAsANaiveSearchHidesIt(
      @ForAll("overlapping") @Size(min = 1, max = 6) List<String> values, @ForAll("overlapping") List<String> pieces,
      @ForAll("picks") List<Integer> picks) {
    SecretRedactor redactor = SecretRedactor.of(plan(values));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      text.append(i < picks.size() && picks.get(i) < values.size() ? values.get(picks.get(i)) : pieces.get(i));
      if (i % 3 == 2) text.append(' ');
    }

    assertThat(redactor.redact(text.toString())).as(text.toString())
        .isEqualTo(naivelyRedacted(valuesOf(values), text.toString()));
  }

  @Example
  void aShortValueNextToAHiddenOneIsHiddenToo() {
    SecretRedactor redactor = SecretRedactor.of(plan(List.of("1234", "hunter22")));

    assertThat(redactor.redact("pin+pw=1234hunter22")).isEqualTo("pin+pw=(hidden)(hidden)");
    assertThat(redactor.redact("pin=12345")).isEqualTo("pin=12345");
  }

  @Example
  void longValuesInALongTextAreFoundInOnePassPerLength() {
    String certificate = "MII" + "Ab12".repeat(500);
    SecretRedactor redactor = SecretRedactor.of(plan(List.of(certificate, certificate.substring(0, 1500))));
    String body = "x".repeat(100_000) + certificate + "y".repeat(100_000);

    assertThat(redactor.redact(body)).isEqualTo("x".repeat(100_000) + "(hidden)" + "y".repeat(100_000));
  }

  @Provide
  Arbitrary<List<String>> overlapping() {
    return Arbitraries.strings().withChars("ab").ofMinLength(1).ofMaxLength(9).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> picks() {
    return Arbitraries.integers().between(0, 9).list().ofMaxSize(8);
  }

  @Property(tries = 300)
  void valuesStandingApartAreHiddenAsReplacingEachInTurnHidThem(
      @ForAll("values") @Size(min = 1, max = 8) List<String> values, @ForAll("texts") List<String> pieces) {
    SecretRedactor redactor = SecretRedactor.of(plan(values));
    List<String> words = new ArrayList<>();
    for (String piece : pieces) words.add(piece.startsWith("#") ? values.get(piece.length() % values.size()) : piece);
    String text = String.join(" ", words);

    assertThat(redactor.redact(text)).isEqualTo(replacingEachInTurn(valuesOf(values), text));
  }

  /** Secret values: letters a to e and digits, so that filler words (x to z) never hold one. */
  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.strings().withChars("abcde0123").ofMinLength(1).ofMaxLength(10).list();
  }

  /** Pieces of text: filler words, or (a piece starting with {@code #}) one of the values. */
  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> filler = Arbitraries.strings().withChars("xyz.:\"").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> value = Arbitraries.strings().withChars("#").ofMinLength(1).ofMaxLength(8);
    return Arbitraries.oneOf(filler, value).list().ofMaxSize(12);
  }

  private static dev.shipshape.core.plan.Plan plan(List<String> values) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\n"
        + "stringData:\n");
    for (int i = 0; i < values.size(); i++) yaml.append("  k").append(i).append(": '").append(values.get(i)).append("'\n");
    return ClusterSpec.builder().name("secrets").preExistingNamespace("shop").yaml(yaml.toString()).build().plan();
  }

  /** The forms in which the plan's values are hidden: as written and in base64 (JSON quoting changes none here). */
  private static Set<String> valuesOf(List<String> values) {
    Set<String> all = new LinkedHashSet<>();
    for (String v : values) {
      all.add(v);
      all.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }
    return all;
  }

  /**
   * Every occurrence of every value, longest values first, a short one only where no shown letter or digit touches
   * it (a longer value found before counts as hidden); overlapping occurrences merged into one run, each run
   * replaced.
   */
  private static String naivelyRedacted(Set<String> values, String text) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    boolean[] hidden = new boolean[text.length()];
    List<int[]> found = new ArrayList<>();
    for (int v = 0; v < sorted.size(); ) {
      // One length at a time: its values are judged against the longer ones only.
      int length = sorted.get(v).length();
      List<int[]> ofLength = new ArrayList<>();
      for (; v < sorted.size() && sorted.get(v).length() == length; v++) {
        String value = sorted.get(v);
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
          int start = at;
          int end = at + length;
          if (found.stream().anyMatch(f -> f[0] == start)) continue;
          boolean touched = (start > 0 && !hidden[start - 1] && Character.isLetterOrDigit(text.charAt(start - 1)))
              || (end < text.length() && !hidden[end] && Character.isLetterOrDigit(text.charAt(end)));
          if (length < SecretRedactor.SHORT && touched) continue;
          ofLength.add(new int[] {start, end});
        }
      }
      for (int[] f : ofLength) {
        found.add(f);
        for (int i = f[0]; i < f[1]; i++) hidden[i] = true;
      }
    }
    found.sort(Comparator.comparingInt(o -> o[0]));
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < found.size(); ) {
      int start = found.get(i)[0];
      int end = found.get(i)[1];
      for (i++; i < found.size() && found.get(i)[0] < end; i++) end = Math.max(end, found.get(i)[1]);
      out.append(text, copied, start).append(FieldChange.HIDDEN);
      copied = end;
    }
    return out.append(text.substring(copied)).toString();
  }

  /** Each value replaced in turn, longest first; short values only as whole words. */
  private static String replacingEachInTurn(Set<String> values, String text) {
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String value : sorted) {
      String quoted = Pattern.quote(value);
      Pattern pattern = Pattern.compile(value.length() < SecretRedactor.SHORT
          ? "(?<![\\p{Alnum}])" + quoted + "(?![\\p{Alnum}])" : quoted);
      out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(FieldChange.HIDDEN));
    }
    return out;
  }
}
