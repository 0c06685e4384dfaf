package dev.shipshape.mesh.release;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link ReleaseRunner} did: the steps applied (and passed their gate), and, when the release was rolled
 * back, why. Immutable.
 */
public final class ReleaseReport {
  private final String release;
  private final List<String> completedSteps;
  private final String rollbackReason;

  ReleaseReport(String release, List<String> completedSteps, String rollbackReason) {
    this.release = release;
    this.completedSteps = List.copyOf(completedSteps);
    this.rollbackReason = rollbackReason;
  }

  public String release() {
    return release;
  }

  /** The steps applied whose gate held, in order. */
  public List<String> completedSteps() {
    return completedSteps;
  }

  /** Why the release was rolled back; empty when it completed. */
  public Optional<String> rollbackReason() {
    return Optional.ofNullable(rollbackReason);
  }

  public boolean completed() {
    return rollbackReason == null;
  }

  @Override
  public String toString() {
    return release + ": " + (completed() ? "completed " : "rolled back (" + rollbackReason + ") after ")
        + completedSteps;
  }
}
