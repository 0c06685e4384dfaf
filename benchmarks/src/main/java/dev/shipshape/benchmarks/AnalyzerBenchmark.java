package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.networking.reach.ConnectivityReport;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import dev.shipshape.readiness.ProductionReadiness;
import dev.shipshape.readiness.ReadinessReport;
import dev.shipshape.security.audit.SecurityAudit;
import dev.shipshape.security.rbac.analysis.Decision;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.security.rbac.analysis.SubjectAccess;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The analyzers on the planned {@link TenantWorkload}: all-pairs reachability ({@code connectivity()}), and RBAC
 * questions: {@code canI} for one ServiceAccount and {@code whoCan} for one resource in one namespace.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnalyzerBenchmark extends InProcessBenchmark {
  @Param({"1000"})
  public int tenants;

  private ClusterSpec spec;
  private Plan plan;
  private RbacAnalyzer rbac;
  private Requester webOfLastTenant;
  private String lastTenant;

  @Setup(Level.Trial)
  public void setUp() {
    spec = TenantWorkload.spec(tenants);
    plan = spec.plan();
    rbac = RbacAnalyzer.of(plan);
    lastTenant = "t" + (tenants - 1);
    webOfLastTenant = Requester.serviceAccount(lastTenant, "web");
  }

  @Benchmark
  public ConnectivityReport reachabilityAllPairs() {
    return ReachabilityAnalyzer.of(plan).connectivity();
  }

  @Benchmark
  public Decision canI() {
    return rbac.canI(webOfLastTenant, "get", "configmaps", lastTenant, "web-config");
  }

  @Benchmark
  public List<SubjectAccess> whoCan() {
    return rbac.whoCan("get", "configmaps", lastTenant);
  }

  @Benchmark
  public FindingReport securityAudit() {
    return SecurityAudit.builder().build().run(plan);
  }

  @Benchmark
  public ReadinessReport readiness() {
    return ProductionReadiness.builder().build().check(spec, plan);
  }
}
