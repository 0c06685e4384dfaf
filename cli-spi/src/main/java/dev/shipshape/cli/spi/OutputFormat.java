package dev.shipshape.cli.spi;

/** {@code --format} of the reports that have a text and a JSON rendering. */
public enum OutputFormat {
  TEXT,
  JSON
}
