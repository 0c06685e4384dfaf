package dev.shipshape.mesh.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.readiness.ConditionResult;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PrometheusQueryTest {

  @Test
  void metWhenTheSampleSatisfiesTheTest() throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      prometheus.answer("0.004");
      ConditionResult result = PrometheusQuery.below(prometheus.uri(), "sum(rate(errors[1m]))", 0.01).evaluate(null);
      assertThat(result.isMet()).isTrue();
      assertThat(result.reason()).isEqualTo("sum(rate(errors[1m])) = 0.004 (want < 0.01)");
      assertThat(prometheus.queries()).containsExactly("query=sum(rate(errors[1m]))");
    }
  }

  @Test
  void notMetWhenTheSampleFailsTheTest() throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      prometheus.answer("0.25");
      ConditionResult result = PrometheusQuery.below(prometheus.uri(), "error_ratio", 0.01).evaluate(null);
      assertThat(result.isMet()).isFalse();
      assertThat(result.reason()).isEqualTo("error_ratio = 0.25 (want < 0.01)");
      assertThat(PrometheusQuery.atLeast(prometheus.uri(), "error_ratio", 0.25).evaluate(null).isMet()).isTrue();
    }
  }

  @Test
  void anUnreachableServerIsNotMet() {
    ConditionResult result = PrometheusQuery.below(URI.create("http://127.0.0.1:1"), "up", 1).evaluate(null);
    assertThat(result.isMet()).isFalse();
    assertThat(result.reason()).startsWith("cannot query Prometheus at http://127.0.0.1:1");
  }
}
