package dev.shipshape.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs every benchmark once on a 3-tenant workload, so that they keep working; measures nothing. */
class BenchmarkSmokeTest {
  private static final int TENANTS = 3;

  @Test
  void theWorkloadHasSixClusterWideObjectsAndSeventeenPerTenant() {
    Plan plan = TenantWorkload.spec(TENANTS).plan();

    assertThat(plan.resources()).hasSize(6 + 17 * TENANTS);
  }

  @Test
  void planningBenchmarksRun() throws IOException {
    PlanningBenchmark benchmark = new PlanningBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    assertThat(benchmark.build().components()).isNotEmpty();
    assertThat(benchmark.plan().resources()).hasSize(6 + 17 * TENANTS);
    assertThat(benchmark.render()).isEqualTo(benchmark.plan().toYaml().length());
    assertThat(benchmark.planAndRender()).isEqualTo(benchmark.render());
  }

  @Test
  void routeHostsBenchmarkRuns() {
    RouteHostsBenchmark benchmark = new RouteHostsBenchmark();
    benchmark.hosts = TENANTS;
    benchmark.setUp();

    // The namespace, and per host a ServiceEntry and a VirtualService.
    assertThat(benchmark.plan().resources()).hasSize(1 + 2 * TENANTS);
  }

  @Test
  void monitoringBenchmarkRuns() {
    MonitoringBenchmark benchmark = new MonitoringBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    // Per tenant a PodMonitor, a Role and RoleBinding for discovery, and a NetworkPolicy through its default deny.
    assertThat(benchmark.addTo().plan().resources()).hasSize(benchmark.plan().resources().size());
    assertThat(benchmark.plan().resources().stream().filter(r -> r.ref().kind().equals("PodMonitor"))).hasSize(TENANTS);
    assertThat(benchmark.plan().resources().stream().filter(r -> r.ref().kind().equals("NetworkPolicy")))
        .hasSize(5 * TENANTS);
  }

  @Test
  void analyzerBenchmarksRun() {
    AnalyzerBenchmark benchmark = new AnalyzerBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    assertThat(benchmark.reachabilityAllPairs()).isNotNull();
    assertThat(benchmark.canI().allowed()).isTrue();
    assertThat(benchmark.whoCan()).isNotEmpty();
  }

  @Test
  void theWholeProcessBenchmarkRendersTheWorkloadWithTheCommandLine() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> launcher = List.of(java, "-cp", System.getProperty("java.class.path"),
        "dev.shipshape.cli.Shipshape");

    CliBenchmark.Result result = CliBenchmark.run(launcher, TENANTS, 1, Optional.empty(), false);

    assertThat(result.objects).isEqualTo(6 + 17 * TENANTS);
    assertThat(result.medianSeconds).isPositive();
  }

  @Test
  void timeOutputIsReadAsSeconds() {
    assertThat(CliBenchmark.seconds("0:01.20")).isEqualTo(1.2);
    assertThat(CliBenchmark.seconds("1:02.50")).isEqualTo(62.5);
  }
}
