package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.monitoring.Monitoring;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Monitoring the benchmark workload, whose tenants' web pods serve on a port named {@code http}, with a labelled
 * Service {@code web-metrics} on that port in every other tenant: a ServiceMonitor in those tenants, a PodMonitor in
 * the others, and a NetworkPolicy per tenant that lets Prometheus in through the tenant's default deny. Deriving the
 * monitors ({@code addTo}) and planning the monitored spec (whose checks derive them again and look up each
 * monitor's Services or pods and each scrape's verdict) are where a check that compares every target with the whole
 * spec grows with the square of the tenants. Run it at two sizes: four times the tenants should cost about four
 * times as much.
 */
public class MonitoringBenchmark extends InProcessBenchmark {
  @Param({"250", "1000"})
  public int tenants;

  private ClusterSpec workload;
  private ClusterSpec monitored;

  @Setup(Level.Trial)
  public void setUp() {
    workload = workload(tenants);
    monitored = monitoring().addTo(workload);
  }

  @Benchmark
  public ClusterSpec addTo() {
    return monitoring().addTo(workload);
  }

  @Benchmark
  public Plan plan() {
    return monitored.plan();
  }

  /** Monitoring that scrapes ports named {@code http}, as the workload's web pods name theirs. */
  static Monitoring monitoring() {
    return Monitoring.builder().metricsPortNames(Set.of("http")).build();
  }

  /** The workload with a metrics Service in every other tenant, and Prometheus' namespace declared pre-existing. */
  static ClusterSpec workload(int tenants) {
    StringBuilder services = new StringBuilder();
    for (int i = 0; i < tenants; i += 2) {
      services.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: web-metrics, namespace: t").append(i)
          .append(", labels: {app: web}}\nspec: {selector: {app: web}, ports: [{name: http, port: 8080,")
          .append(" targetPort: http}]}\n");
    }
    return ClusterSpec.builder().from(TenantWorkload.spec(tenants)).yaml(services.toString())
        .preExistingNamespace("monitoring").build();
  }
}
