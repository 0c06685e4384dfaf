package dev.shipshape.core.step;

/** What running an {@link ExternalStep} did; in a dry run, what it would do. */
public enum StepOutcome {
  /** The step created what it stands for, such as a first release. */
  CREATED,
  /** The step changed what it stands for, such as an upgrade to a new revision. */
  UPDATED,
  /** The target was already as planned: nothing was changed. */
  UNCHANGED,
  /**
   * The step was not run because this executor cannot run it, such as an export to files: a note, not a failure.
   * The message says how to run it.
   */
  NOT_EXPORTABLE,
  /** The step failed; see the message. */
  FAILED,
  /** The step was not run because an earlier wave failed or a gate did not open. */
  NOT_ATTEMPTED
}
