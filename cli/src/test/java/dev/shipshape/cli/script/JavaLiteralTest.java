package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JavaLiteralTest {

  @Test
  void escapesBackslashesQuotesAndControlCharacters() {
    assertThat(JavaLiteral.of("C:\\specs \"prod\"\n\\u0041")).isEqualTo("\"C:\\\\specs \\\"prod\\\"\\012\\\\u0041\"");
  }

  /** Reads a literal back with the escapes of JLS 3.10.7 that {@link JavaLiteral} uses. */
  private static String read(String literal) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        text.append(c);
      } else if (Character.isDigit(literal.charAt(i + 1))) {
        text.append((char) Integer.parseInt(literal.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        text.append(literal.charAt(++i));
      }
    }
    return text.toString();
  }

  @Property(tries = 300)
  void theLiteralReadsBackAsTheSameTextOnOneLine(@ForAll String value) {
    String literal = JavaLiteral.of(value);

    assertThat(read(literal)).isEqualTo(value);
    assertThat(literal).doesNotContain("\n", "\r");
  }
}
