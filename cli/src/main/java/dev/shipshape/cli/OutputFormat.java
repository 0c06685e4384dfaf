package dev.shipshape.cli;

/** {@code --format} of the reports that have a text and a JSON rendering. */
enum OutputFormat {
  TEXT,
  JSON
}
