package dev.shipshape.monitoring.internal.template;

import java.util.Optional;

/**
 * A complex constant in a Go template action, such as {@code 1+2i}, as Go 1.19's parser converts it with fmt.Sscan:
 * a real part, a sign and an imaginary part, each read as fmt reads a float (digits and '_', after "0x" hexadecimal
 * ones with a 'p' exponent, else an 'e' one), the imaginary part followed by 'i'; then each part must be a float to
 * strconv.ParseFloat. The lexer's token may hold what fmt does not read that way, such as {@code 0b1+2i}.
 */
final class GoComplex extends GoScanner {
  private GoComplex(String text) {
    super(text, 0);
  }

  /** Go's error for the complex constant {@code token}, or empty when it converts. */
  static Optional<String> error(String token) {
    GoComplex scanner = new GoComplex(token);
    String real = scanner.floatToken();
    if (!scanner.accept("+-")) return Optional.of("syntax error scanning complex number");
    String imaginary = token.charAt(scanner.pos - 1) + scanner.floatToken();
    if (!scanner.accept("i")) return Optional.of("syntax error scanning complex number");
    return parseFloat(real).or(() -> parseFloat(imaginary));
  }

  private static Optional<String> parseFloat(String part) {
    return GoNumber.floatError(part).map(e -> "strconv.ParseFloat: parsing " + GoToken.quote(part) + ": " + e);
  }

  /** fmt's floatToken: what it reads of a float from here; an 'i' is read too, as fmt looks for "inf" first. */
  private String floatToken() {
    int start = pos;
    accept("+-");
    accept("iI");
    String digits = "0123456789_";
    String exponent = "eEpP";
    if (accept("0") && accept("xX")) {
      digits = "0123456789aAbBcCdDeEfF_";
      exponent = "pP";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (accept(exponent)) {
      accept("+-");
      acceptRun("0123456789_");
    }
    return text.substring(start, pos);
  }
}
