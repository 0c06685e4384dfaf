package dev.shipshape.helm.internal;

/**
 * A {@code --set} expression Helm would refuse: where ({@link #position()}) and why. The reason never quotes the
 * expression, whose values may be secrets.
 */
final class SetSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String reason;

  /** {@code position}: the character (from 1) where the parser stopped, or 0 when it ran out of input. */
  SetSyntaxException(int position, String reason) {
    super(reason + " " + where(position));
    this.position = position;
    this.reason = reason;
  }

  /** The character (from 1) where the parser stopped, or 0 when it ran out of input. */
  int position() {
    return position;
  }

  /** What is wrong, such as {@code the key has no value}. */
  String reason() {
    return reason;
  }

  /** {@code at character 4}, or {@code at its end}. */
  String where() {
    return where(position);
  }

  private static String where(int position) {
    return position == 0 ? "at its end" : "at character " + position;
  }
}
