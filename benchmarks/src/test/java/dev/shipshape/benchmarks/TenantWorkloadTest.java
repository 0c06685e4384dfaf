package dev.shipshape.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The workload built with builders is the workload written as YAML text. */
class TenantWorkloadTest {
  @Test
  void theBuildersWorkloadRendersTheSameYamlAsTheTextOne() {
    String built = TenantWorkload.spec(3).plan().toYaml();
    String parsed = TenantWorkloadYaml.spec(3).plan().toYaml();

    assertThat(built).isEqualTo(parsed);
    assertThat(built).contains("kind: VirtualService", "exact: \"true\"", "weight: 90", "name: t2-daily");
  }
}
