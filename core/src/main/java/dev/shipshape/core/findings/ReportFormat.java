package dev.shipshape.core.findings;

/** How a {@link FindingReport} is rendered: for people, for tools, or for code-scanning user interfaces. */
public enum ReportFormat {
  /** One line per finding, then a summary and the notes. */
  TEXT,
  /** One JSON object: the findings, the counts per severity, the notes and the verdict. */
  JSON,
  /** SARIF 2.1.0, the format code-scanning user interfaces read. */
  SARIF
}
