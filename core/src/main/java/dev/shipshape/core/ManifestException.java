package dev.shipshape.core;

import java.util.List;

/**
 * Thrown by a {@linkplain ManifestReader#strict() strict} {@link ManifestReader}: every document it could not read,
 * one problem per line of the message, each naming its file, document and line, the object and the field. Problems
 * never quote a value.
 */
public final class ManifestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ManifestException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one per document that could not be read. */
  public List<String> problems() {
    return problems;
  }
}
