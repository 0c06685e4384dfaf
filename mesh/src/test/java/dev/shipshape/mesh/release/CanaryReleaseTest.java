package dev.shipshape.mesh.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.mesh.RouteMatch;
import dev.shipshape.mesh.TrafficRoutes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryReleaseTest {
  private static final TrafficRoutes ROUTES = TrafficRoutes.forService("shop", "web")
      .route(RouteMatch.header("x-beta", "true"), "v2")
      .route(RouteMatch.pathPrefix("/legacy"), "v1")
      .timeout("2s");

  @Test
  void theStepsKeepTheRulesAndTheRollbackSendsNoRequestToTheCanary() {
    CanaryRelease release = CanaryRelease.of(ROUTES).stable("v1").canary("v2").steps(50, 100);

    assertThat(release.steps()).extracting(s -> s.name() + " " + s.routes().rules().values() + " "
        + s.routes().split()).containsExactly("canary 50% [v2, v1] {v1=50, v2=50}",
            "canary 100% [v2, v1] {v1=0, v2=100}");
    ReleaseStep rollback = release.rollback();
    assertThat(rollback.routes().rules().values()).containsExactly("v1");
    assertThat(rollback.routes().split()).isEqualTo(Map.of("v1", 100, "v2", 0));
  }

  @Test
  void anAbTestsRollbackSendsNoRequestToTheVariant() {
    AbTest test = AbTest.of(ROUTES).variant(RouteMatch.cookie("group", "b"), "v2").otherwise("v1");

    assertThat(test.rollback().routes().rules().values()).containsExactly("v1");
    assertThat(test.rollback().routes().split()).isEqualTo(Map.of("v1", 100));
  }

  @Test
  void aCanaryOfTheStableSubsetIsRefused() {
    CanaryRelease release = CanaryRelease.of(ROUTES).stable("v1").canary("v1");

    assertThatThrownBy(release::steps).isInstanceOf(IllegalStateException.class).hasMessage("CanaryRelease shop/web:"
        + " the stable and the canary subset are both v1 — name two subsets, such as stable(\"v1\").canary(\"v2\")");
    assertThatThrownBy(release::rollback).isInstanceOf(IllegalStateException.class);
  }
}
