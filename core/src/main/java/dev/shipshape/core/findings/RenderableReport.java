package dev.shipshape.core.findings;

/**
 * A report with the three renderings every check command offers through {@code --format}: text for people, JSON
 * for tools, SARIF for code-scanning user interfaces.
 */
public interface RenderableReport {
  /** For people: one line per finding, then a summary and the notes. */
  String toText();

  /** For tools: one JSON object. */
  String toJson();

  /** SARIF 2.1.0. */
  String toSarif();

  /** The report in {@code format}. */
  default String render(ReportFormat format) {
    switch (format) {
      case JSON:
        return toJson();
      case SARIF:
        return toSarif();
      default:
        return toText();
    }
  }
}
