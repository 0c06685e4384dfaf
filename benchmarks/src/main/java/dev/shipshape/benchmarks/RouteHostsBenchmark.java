package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.mesh.ExternalHost;
import dev.shipshape.mesh.IstioCrds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Planning a spec of many external hosts, each with a VirtualService that routes to it: the check that every
 * route's host is known compares hosts with the ServiceEntries' hosts, which is where a check that compares pairs
 * grows with the square of the spec. Run it at two sizes: four times the hosts should cost about four times as
 * much.
 */
public class RouteHostsBenchmark extends InProcessBenchmark {
  @Param({"1000", "4000"})
  public int hosts;

  private ClusterSpec spec;

  @Setup(Level.Trial)
  public void setUp() {
    spec = spec(hosts);
  }

  @Benchmark
  public Plan plan() {
    return spec.plan();
  }

  /** Namespace {@code shop} with {@code hosts} external hosts and as many VirtualServices, one route to each. */
  static ClusterSpec spec(int hosts) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    ClusterSpec.Builder spec = ClusterSpec.builder().name("route-hosts").preExistingCrd(IstioCrds.all());
    for (int i = 0; i < hosts; i++) {
      String host = "api" + i + ".example.net";
      spec.component(ExternalHost.of("shop", host).port(443, "TLS"));
      yaml.append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n")
          .append("metadata: {name: route").append(i).append(", namespace: shop}\n")
          .append("spec:\n  hosts: [").append(host).append("]\n")
          .append("  tcp: [{route: [{destination: {host: ").append(host).append("}}]}]\n");
    }
    return spec.yaml(yaml.toString()).build();
  }
}
