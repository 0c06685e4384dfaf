package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.findings.ReportFormat;
import dev.shipshape.core.findings.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ready spec with one replica and a tag without digest: one HIGH and one LOW gap. */
  private static ReadinessReport report() {
    String web = Fixtures.WEB.replace("replicas: 3", "replicas: 1")
        .replaceAll("@sha256:a+", "");
    return Fixtures.check(Fixtures.ready(web).build());
  }

  @Test
  void scoresAreTheShareOfChecksWithoutAGap() {
    ReadinessReport report = report();
    PitfallScore availability = report.score(Pitfall.AVAILABILITY);
    // single-replica-without-pdb: the budget selects the pod, so no gap; pdb-blocks-eviction: 1 pod, max 1.
    assertThat(availability.checked()).isEqualTo(2);
    assertThat(availability.gaps()).isZero();
    PitfallScore images = report.score(Pitfall.IMAGES);
    assertThat(images.checked()).isEqualTo(2);
    assertThat(images.gaps()).isEqualTo(1);
    assertThat(images.score()).isEqualTo(50);
    assertThat(images.status()).isEqualTo("warn");
    assertThat(images).hasToString("images 50/100 warn (1 of 2 checks passed; worst low)");
  }

  @Test
  void textGroupsFindingsUnderTheirPitfallBelowTheScores() {
    String text = report().toText();
    assertThat(text).startsWith("production readiness\nPITFALL       SCORE  STATUS CHECKS  GAPS  WORST\n"
        + "availability    100  pass        2     0  -\n");
    assertThat(text).contains("images           50  warn        2     1  low\n");
    assertThat(text).contains("\nimages — mutable image tags:\n  LOW image-without-digest Deployment.apps shop/web");
    assertThat(text).contains("readiness: 1 finding, 1 low (");
  }

  @Test
  void jsonAndSarifCarryTheScores() throws Exception {
    JsonNode json = JSON.readTree(report().toJson());
    assertThat(json.path("check").asText()).isEqualTo("readiness");
    assertThat(json.path("findings").get(0).path("pitfall").asText()).isEqualTo("images");
    JsonNode images = json.path("pitfalls").get(Pitfall.IMAGES.ordinal());
    assertThat(images.path("id").asText()).isEqualTo("images");
    assertThat(images.path("score").asInt()).isEqualTo(50);
    assertThat(images.path("worst").asText()).isEqualTo("low");
    JsonNode sarif = JSON.readTree(report().render(ReportFormat.SARIF));
    JsonNode run = sarif.path("runs").get(0);
    assertThat(run.path("results").get(0).path("ruleId").asText()).isEqualTo("image-without-digest");
    assertThat(run.path("properties").path("pitfalls")).hasSize(Pitfall.values().length);
  }

  @Test
  void excludingARuleTakesItsChecksOutOfTheScore() {
    ReadinessReport without = report().excluding(List.of("image-without-digest"));
    assertThat(without.findings().findings()).isEmpty();
    assertThat(without.score(Pitfall.IMAGES).checked()).isEqualTo(1);
    assertThat(without.score(Pitfall.IMAGES).score()).isEqualTo(100);
  }

  @Test
  void failingAtASeverityThatAFindingReaches() {
    assertThat(report().failingAt(Severity.LOW).failed()).isTrue();
    assertThat(report().failingAt(Severity.MEDIUM).failed()).isFalse();
    assertThat(report().failed()).isFalse();
  }

  @Test
  void everyRuleBelongsToAPitfall() {
    List<String> ids = ProductionReadiness.builder().build().rules().stream().map(r -> r.id()).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Pitfall.values())
        .flatMap(p -> p.rules().stream()).toList());
  }

  @Test
  void expectedVersionsMustBeVersions() {
    assertThatThrownBy(() -> ProductionReadiness.builder().putExpectedVersions(AddOn.VELERO, "latest").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ProductionReadiness expectedVersions.velero:"
            + " 'latest' is not a version such as 1.16 or 1.16.2 — give the add-on's release number");
  }
}
