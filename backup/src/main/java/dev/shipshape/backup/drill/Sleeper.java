package dev.shipshape.backup.drill;

import java.time.Duration;

/** Waits between polls, turning an interrupt into a drill step failure with the interrupt flag kept. */
final class Sleeper {
  private Sleeper() {}

  static void sleep(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrillStepException("interrupted while waiting for Velero", e);
    }
  }
}
