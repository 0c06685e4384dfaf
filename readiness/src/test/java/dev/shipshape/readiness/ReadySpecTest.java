package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadySpecTest {
  @Test
  void aSpecThatAvoidsEveryPitfallHasNoGapAndFullScores() {
    ReadinessReport report = Fixtures.check(Fixtures.ready().build());
    assertThat(Fixtures.gaps(report)).isEmpty();
    assertThat(report.scores()).allSatisfy(s -> {
      assertThat(s.score()).as(s.toString()).isEqualTo(100);
      assertThat(s.status()).isEqualTo("pass");
    });
    assertThat(report.score(Pitfall.AVAILABILITY).checked()).isEqualTo(3);
  }
}
