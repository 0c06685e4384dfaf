package dev.shipshape.core.apply;

/** What happened to one object during an apply. */
public enum Outcome {
  /** The object did not exist and was created. */
  CREATED,
  /** The object existed with other content and was changed. */
  UPDATED,
  /** The object already had the desired content: nothing was written. */
  UNCHANGED,
  /** The object was written to a file or stream (manifest export). */
  WRITTEN,
  /** The object belonged to the spec's ApplySet, is no longer in the plan, and was deleted. */
  PRUNED,
  /** Writing the object failed; see the result's message. */
  FAILED,
  /** The object was not attempted because an earlier wave failed or a gate did not open. */
  NOT_ATTEMPTED
}
