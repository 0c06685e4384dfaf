package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Helm's dry-run output against a release record: chart, values and status, never printing a value. */
class ReleaseStateTest {
  private static final String OUTPUT = "NAME: web\nLAST DEPLOYED: Thu, 03 Dec 2026 22:16:10 +0000\nNAMESPACE: shop\n"
      + "STATUS: pending-install\nREVISION: 1\nCHART: web-1.2.0\nAPP VERSION: \nUSER-SUPPLIED VALUES:\n"
      + "password: s3cret-value\nreplicas: 3\nratio: 0.5\n\nCOMPUTED VALUES:\nimage: nginx\npassword: s3cret-value\n"
      + "replicas: 3\nratio: 0.5\n";

  private static JsonNode record(String status, String chartVersion, String config) throws IOException {
    return new ObjectMapper().readTree("{\"version\": 4, \"info\": {\"status\": \"" + status + "\"}, \"chart\": "
        + "{\"metadata\": {\"name\": \"web\", \"version\": \"" + chartVersion + "\"}}" + config + "}");
  }

  @Test
  void aRecordOfTheSameChartAndValuesHasNoDifference() throws IOException {
    ReleaseState state = ReleaseState.ofDryRun(OUTPUT);

    assertThat(state.chart()).isEqualTo("web-1.2.0");
    assertThat(state.differences(record("deployed", "1.2.0",
        ", \"config\": {\"ratio\": 0.50, \"replicas\": 3, \"password\": \"s3cret-value\"}"))).isEmpty();
  }

  @Test
  void statusChartAndValuesAreEachAReasonWithoutTheValues() throws IOException {
    ReleaseState state = ReleaseState.ofDryRun(OUTPUT);

    assertThat(state.differences(record("failed", "1.1.0",
        ", \"config\": {\"replicas\": 3, \"ratio\": 0.5, \"password\": \"old-value\"}")))
        .containsExactly("revision 4 is failed", "chart web-1.1.0 -> web-1.2.0", "values changed");
  }

  @Test
  void noRecordedValuesEqualAnEmptyValuesBlock() throws IOException {
    ReleaseState state = ReleaseState.ofDryRun("CHART: web-1.2.0\nUSER-SUPPLIED VALUES:\n{}\n\nCOMPUTED VALUES:\n"
        + "image: nginx\n");

    assertThat(state.differences(record("deployed", "1.2.0", ""))).isEmpty();
    assertThat(state.differences(record("deployed", "1.2.0", ", \"config\": {\"replicas\": 2}")))
        .containsExactly("values changed");
  }

  @Test
  void outputWithoutChartOrValuesIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> ReleaseState.ofDryRun("NAME: web\npassword: s3cret-value\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Helm's dry run printed no CHART line or USER-SUPPLIED VALUES block");
    assertThatThrownBy(() -> ReleaseState.ofDryRun("CHART: web-1.2.0\nUSER-SUPPLIED VALUES:\n"
        + "password: [s3cret-value\n")).hasMessageNotContaining("s3cret-value");
  }
}
