package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoTemplate.ParseError;
import java.util.Optional;

/**
 * The first error in a template: Go's parser stops at it, and so does this one, from however deep in an action it is
 * found up to {@link GoTemplate#check}, which returns it.
 */
final class TemplateFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ParseError error;

  TemplateFailure(ParseError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  ParseError error() {
    return error;
  }

  /** Go's message at the (zero-based) position {@code at}, of a mistake that names nothing. */
  static ParseError error(String message, int at, Cause cause) {
    return error(message, at, cause, Optional.empty(), Optional.empty());
  }

  /** Go's message at {@code at}, of a mistake about {@code name}. */
  static ParseError error(String message, int at, Cause cause, String name) {
    return error(message, at, cause, Optional.of(name), Optional.empty());
  }

  private static ParseError error(String message, int at, Cause cause, Optional<String> name,
      Optional<String> meant) {
    return new ParseError(message + " (at character " + (at + 1) + ")", cause, name, meant);
  }

  static TemplateFailure at(String message, int at, Cause cause) {
    return new TemplateFailure(error(message, at, cause));
  }

  static TemplateFailure at(String message, int at, Cause cause, String name) {
    return new TemplateFailure(error(message, at, cause, name));
  }

  /** A mistake about {@code name}, with the defined name most likely {@code meant} instead. */
  static TemplateFailure at(String message, int at, Cause cause, String name, Optional<String> meant) {
    return new TemplateFailure(error(message, at, cause, Optional.of(name), meant));
  }
}
