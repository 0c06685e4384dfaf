package dev.shipshape.backup.drill;

/** A drill step that could not be done; its message says what and why, and becomes a finding. */
final class DrillStepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DrillStepException(String message, Throwable cause) {
    super(message, cause);
  }
}
