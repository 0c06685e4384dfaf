package dev.shipshape.backup.internal;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import java.util.List;

/**
 * The findings of backup checks, rule {@code backup-<check>}: a check that passed is {@link Severity#INFO}, one
 * that works but is likely wrong {@link Severity#MEDIUM}, one that stops backups or restores {@link
 * Severity#HIGH}. The message starts with what was checked, such as {@code s3://backups/prod}.
 */
public final class BackupFindings {
  /** The severity at which a backup check counts as failed. */
  public static final Severity FAIL = Severity.HIGH;

  private BackupFindings() {}

  /** A report of check {@code backup check}, failed at {@link #FAIL}. */
  public static FindingReport report(List<Finding> findings) {
    return FindingReport.builder().check("backup check").addAllFindings(findings).failOn(FAIL).build();
  }

  public static Finding pass(String check, String subject, String message) {
    return finding(check, Severity.INFO, subject, message).build();
  }

  public static Finding warn(String check, String subject, String message, String remediation) {
    return finding(check, Severity.MEDIUM, subject, message).remediation(remediation).build();
  }

  public static Finding fail(String check, String subject, String message, String remediation) {
    return finding(check, FAIL, subject, message).remediation(remediation).build();
  }

  private static Finding.Builder finding(String check, Severity severity, String subject, String message) {
    return Finding.builder().ruleId("backup-" + check).severity(severity).message(subject + ": " + message);
  }
}
