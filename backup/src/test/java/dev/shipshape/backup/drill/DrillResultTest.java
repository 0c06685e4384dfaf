package dev.shipshape.backup.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A drill's result shows the findings it is given, as the command line shows them with --fail-on and --exclude. */
class DrillResultTest {
  private static final Finding SLOW = Finding.builder().ruleId("drill-slow").severity(Severity.MEDIUM)
      .message("the restore took 40 minutes").remediation("look at the restore's logs").build();

  @Test
  void withFindingsRendersAndPassesAsTheGivenFindingsSay() {
    DrillResult result = DrillResult.builder().schedule("velero/daily").restore("daily-drill")
        .findings(FindingReport.builder().check("backup drill").addFindings(SLOW).failOn(Severity.HIGH).build())
        .build();

    DrillResult strict = result.withFindings(result.findings().failingAt(Severity.MEDIUM));
    DrillResult excluded = result.withFindings(result.findings().excluding(List.of("drill-slow")));

    assertThat(result.passed()).isTrue();
    assertThat(result.toText()).contains("passed at --fail-on high");
    assertThat(strict.passed()).isFalse();
    assertThat(strict.toText()).contains("FAILED at --fail-on medium").startsWith("Restore drill of Schedule "
        + "velero/daily\n");
    assertThat(strict.toJson()).contains("\"passed\" : false");
    assertThat(excluded.toText()).doesNotContain("drill-slow");
  }
}
