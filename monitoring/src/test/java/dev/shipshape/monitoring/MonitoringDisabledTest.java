package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import org.junit.jupiter.api.Test;

/** Monitoring off in an environment. */
class MonitoringDisabledTest {
  @Test
  void theEnvironmentLeavesOutEverythingTheComponentHoldsAndNothingElse() {
    Monitoring monitoring = Monitoring.builder().build();
    ClusterSpec spec = monitoring.addTo(Fixtures.shop()
        .environment(Environment.of("laptop", monitoring.disabled())).build());
    Plan plain = spec.plan();
    Plan laptop = spec.plan("laptop");
    assertThat(Fixtures.objectsOf(plain, "monitoring")).isNotEmpty();
    assertThat(laptop.resources()).noneMatch(r -> r.component().equals("monitoring"));
    assertThat(laptop.resources()).extracting(PlannedResource::ref).containsExactlyElementsOf(plain.resources()
        .stream().filter(r -> !r.component().equals("monitoring")).map(PlannedResource::ref).toList());
    // Its checks are about its own objects: none of its warnings is left in the laptop's plan.
    assertThat(laptop.warnings()).noneMatch(p -> p.component().filter("monitoring"::equals).isPresent());
  }
}
