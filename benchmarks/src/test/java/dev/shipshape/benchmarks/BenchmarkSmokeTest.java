package dev.shipshape.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.monitoring.Monitoring;
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
  void backupCoverageBenchmarkRuns() {
    BackupCoverageBenchmark benchmark = new BackupCoverageBenchmark();
    benchmark.namespaces = TENANTS;
    benchmark.setUp();

    // Every namespace's claim is backed up by the schedule that names it.
    assertThat(benchmark.uncovered()).isEmpty();
  }

  @Test
  void chartPerTenantBenchmarkRuns() {
    ChartPerTenantBenchmark benchmark = new ChartPerTenantBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    // Per tenant its Namespace and ClusterRole first; then its ServiceAccount and ConfigMap, once the Namespace is
    // Active; then its binding and Deployment, after every tenant's ClusterRole.
    Plan plan = benchmark.plan();
    assertThat(plan.resources()).hasSize(6 * TENANTS);
    assertThat(plan.waves()).extracting(w -> w.resources().size())
        .containsExactly(2 * TENANTS, 2 * TENANTS, 2 * TENANTS);
  }

  @Test
  void meshAnalyzerBenchmarkRuns() {
    MeshAnalyzerBenchmark benchmark = new MeshAnalyzerBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    // A clean mesh: every gateway port, certificate, host, subset and policy is found where Istio looks for it.
    assertThat(benchmark.analyze().findings()).isEmpty();
  }

  @Test
  void secretRedactionBenchmarkRuns() {
    SecretRedactionBenchmark benchmark = new SecretRedactionBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    // No message quotes a value: every message comes back as it was.
    String denied = "admission webhook \"validate.example.com\" denied the request: field spec.replicas of t0/web"
        + " must be at most 10";
    int length = TENANTS * (4 * "configured".length() + 12 * "created".length() + denied.length());
    assertThat(benchmark.redact()).isEqualTo(length);
    String status = "{\"kind\":\"Status\",\"message\":\"\"}";
    assertThat(benchmark.redactLongBody())
        .isEqualTo(status.length() + 6_000 * "the request body was too large; ".length());
  }

  @Test
  void monitoringBenchmarkRuns() {
    MonitoringBenchmark benchmark = new MonitoringBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    // Per tenant a ServiceMonitor (tenants 0 and 2, with a metrics Service) or a PodMonitor (tenant 1), a Role and
    // RoleBinding for discovery, and a NetworkPolicy through its default deny beside the tenant's four.
    Monitoring monitoring = benchmark.addTo().components().stream().filter(Monitoring.class::isInstance)
        .map(Monitoring.class::cast).findFirst().orElseThrow();
    assertThat(monitoring.generated()).extracting(o -> o.getKind() + " " + o.getMetadata().getNamespace()
        + "/" + o.getMetadata().getName()).contains("ServiceMonitor t0/web-metrics", "PodMonitor t1/web",
        "ServiceMonitor t2/web-metrics", "Role t1/prometheus-scrape", "RoleBinding t1/prometheus-scrape");
    Plan plan = benchmark.plan();
    assertThat(count(plan, "ServiceMonitor")).isEqualTo(2);
    assertThat(count(plan, "PodMonitor")).isEqualTo(1);
    assertThat(plan.resources()).filteredOn(r -> r.ref().name().equals("prometheus-scrape")).hasSize(2 * TENANTS);
    assertThat(count(plan, "NetworkPolicy")).isEqualTo(5 * TENANTS);
  }

  private static long count(Plan plan, String kind) {
    return plan.resources().stream().filter(r -> r.ref().kind().equals(kind)).count();
  }

  @Test
  void analyzerBenchmarksRun() {
    AnalyzerBenchmark benchmark = new AnalyzerBenchmark();
    benchmark.tenants = TENANTS;
    benchmark.setUp();

    assertThat(benchmark.reachabilityAllPairs()).isNotNull();
    assertThat(benchmark.canI().allowed()).isTrue();
    assertThat(benchmark.whoCan()).isNotEmpty();
    // The web-reader Roles acknowledge their risks: reported per tenant, found through the audit's index of roles.
    assertThat(benchmark.securityAudit().findings()).filteredOn(f -> f.message().contains("acknowledged on the role"))
        .hasSize(TENANTS);
    assertThat(benchmark.readiness().findings().findings()).isNotEmpty();
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
