package dev.shipshape.networking.reach;

import java.util.Locale;

/** The renderings of a connectivity list. */
public enum ReportFormat {
  /** One connection a line, {@code src => dst : connections}, as the np-guard netpol-analyzer prints it. */
  TXT,
  /** A JSON array of {@code {"src", "dst", "conn"}} objects, in the same order as the text. */
  JSON,
  /** A Graphviz graph, one node per peer and one labelled edge per connection. */
  DOT,
  /** A Mermaid flowchart, for Markdown viewers. */
  MERMAID;

  /**
   * The format named {@code txt}, {@code json}, {@code dot} or {@code mermaid}, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ReportFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown format '" + name + "': use txt, json, dot or mermaid", e);
    }
  }
}
