package dev.shipshape.cli.spi;

import java.io.PrintWriter;

/** Printing the renderings of reports, which end with a newline (text) or not (JSON). */
public final class Output {
  private Output() {}

  /** Prints {@code text}, then a newline unless it is empty or already ends with one. */
  public static void print(PrintWriter out, String text) {
    out.print(text);
    if (!text.isEmpty() && !text.endsWith("\n")) out.print('\n');
    out.flush();
  }
}
