package dev.shipshape.readiness;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Severity;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How one {@link Pitfall} scored: how many checks its rules made (one per object, container or binding a rule
 * looked at), how many of them found a gap (findings of severity {@link Severity#LOW} or worse; INFO findings
 * are not gaps), the worst severity found, and the share of checks that passed as a score from 0 to 100.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PitfallScore {

  public abstract Pitfall pitfall();

  /** The checks its rules made; 0 when nothing in the input was subject to them. */
  public abstract int checked();

  /** The findings of severity LOW or worse. */
  public abstract int gaps();

  /** The worst severity among its findings (INFO ones included); empty without findings. */
  public abstract Optional<Severity> worst();

  public static Builder builder() {
    return ImmutablePitfallScore.builder();
  }

  /**
   * The share of checks without a gap, 0 to 100, rounded down; 100 when nothing was checked. A rule may report
   * more than one gap per check (a binding with two risky grants), so the score is never below 0.
   */
  public int score() {
    if (checked() == 0) return gaps() == 0 ? 100 : 0;
    return Math.max(0, (checked() - gaps()) * 100 / checked());
  }

  /** {@code pass} without gaps, {@code fail} with a HIGH or CRITICAL gap, {@code warn} otherwise. */
  public String status() {
    if (gaps() == 0) return "pass";
    return worst().filter(w -> w.isAtLeast(Severity.HIGH)).isPresent() ? "fail" : "warn";
  }

  @Value.Check
  protected void check() {
    if (checked() < 0 || gaps() < 0) {
      throw new IllegalArgumentException("PitfallScore " + pitfall().id() + ": checked (" + checked() + ") and gaps ("
          + gaps() + ") must not be negative");
    }
  }

  /** {@code availability  80/100  warn  (4 of 5 checks passed; worst medium)}. */
  @Override
  public String toString() {
    return pitfall().id() + " " + score() + "/100 " + status() + " (" + (checked() - Math.min(gaps(), checked()))
        + " of " + checked() + " checks passed" + worst().map(w -> "; worst " + w.label()).orElse("") + ")";
  }

  /** Builds a {@link PitfallScore}; every attribute but the worst severity is required. */
  public interface Builder {
    Builder pitfall(Pitfall pitfall);

    Builder checked(int checked);

    Builder gaps(int gaps);

    Builder worst(Severity worst);

    Builder worst(Optional<? extends Severity> worst);

    PitfallScore build();
  }
}
