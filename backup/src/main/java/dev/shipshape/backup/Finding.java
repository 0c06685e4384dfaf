package dev.shipshape.backup;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One result of a backup check: which check, its status, what it looked at, what it found and, unless it
 * passed, how to fix it. Findings never contain credentials.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Finding {

  /** The check, such as {@code spec}, {@code crds}, {@code deployment}, {@code storage-location}, {@code s3}. */
  public abstract String check();

  public abstract FindingStatus status();

  /** What was checked, such as {@code BackupStorageLocation velero/primary} or {@code s3://backups/prod}. */
  public abstract String subject();

  public abstract String message();

  /** How to fix it; empty for passed checks. */
  public abstract Optional<String> remediation();

  public static Builder builder() {
    return new Builder();
  }

  public static Finding pass(String check, String subject, String message) {
    return builder().check(check).status(FindingStatus.PASS).subject(subject).message(message).build();
  }

  public static Finding warn(String check, String subject, String message, String remediation) {
    return builder().check(check).status(FindingStatus.WARN).subject(subject).message(message)
        .remediation(remediation).build();
  }

  public static Finding fail(String check, String subject, String message, String remediation) {
    return builder().check(check).status(FindingStatus.FAIL).subject(subject).message(message)
        .remediation(remediation).build();
  }

  /** A validation problem of the spec as a finding of check {@code spec}: errors fail, warnings warn. */
  public static Finding of(Problem problem) {
    String subject = problem.resource().map(Object::toString).orElse(problem.component().orElse("spec"))
        + problem.field().map(f -> " " + f).orElse("");
    return builder().check("spec").status(problem.isError() ? FindingStatus.FAIL : FindingStatus.WARN)
        .subject(subject).message(problem.message()).remediation(problem.fix()).build();
  }

  /** {@code FAIL s3 s3://backups/prod: message — remediation}. */
  @Override
  public String toString() {
    return status() + " " + check() + " " + subject() + ": " + message() + remediation().map(r -> " — " + r)
        .orElse("");
  }

  /** Builds {@link Finding}s. */
  public static final class Builder extends ImmutableFinding.Builder {}
}
