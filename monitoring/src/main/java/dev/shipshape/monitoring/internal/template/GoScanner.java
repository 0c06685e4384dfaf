package dev.shipshape.monitoring.internal.template;

/**
 * Reads a number's characters as Go does, one at a time from a set of valid ones: Go's lexer when it scans a number
 * ({@link GoNumber}), fmt when it scans the parts of a complex one ({@link GoComplex}).
 */
class GoScanner {
  final String text;
  int pos;

  GoScanner(String text, int from) {
    this.text = text;
    this.pos = from;
  }

  /** Reads the next character if it is one of {@code valid}. */
  final boolean accept(String valid) {
    if (pos < text.length() && valid.indexOf(text.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  /** Reads the characters of {@code valid} that come next. */
  final void acceptRun(String valid) {
    while (pos < text.length() && valid.indexOf(text.charAt(pos)) >= 0) pos++;
  }
}
