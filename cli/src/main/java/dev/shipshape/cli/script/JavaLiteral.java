package dev.shipshape.cli.script;

/** Java source text for values that snippets are built from. */
public final class JavaLiteral {
  private JavaLiteral() {}

  /**
   * A Java string literal holding {@code value}, such as {@code "C:\\specs"} for {@code C:\specs}. Control
   * characters become three-digit octal escapes: a Unicode escape would be decoded before the literal is parsed.
   */
  public static String of(String value) {
    StringBuilder literal = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '"') {
        literal.append('\\').append(c);
      } else if (c < 0x20) {
        literal.append(String.format("\\%03o", (int) c));
      } else {
        literal.append(c);
      }
    }
    return literal.append('"').toString();
  }
}
