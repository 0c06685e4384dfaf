package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.Writer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Building, planning and rendering the {@link TenantWorkload} in process, warm: {@code build} makes the spec with
 * the SDK's builders, {@code plan} compiles, validates and orders it, {@code render} writes the plan's YAML (to a
 * writer that counts characters, so that the terminal or disk is not measured).
 */
public class PlanningBenchmark extends InProcessBenchmark {
  @Param({"1000"})
  public int tenants;

  private ClusterSpec spec;
  private Plan plan;

  @Setup(Level.Trial)
  public void setUp() {
    spec = TenantWorkload.spec(tenants);
    plan = spec.plan();
  }

  @Benchmark
  public ClusterSpec build() {
    return TenantWorkload.spec(tenants);
  }

  @Benchmark
  public Plan plan() {
    return spec.plan();
  }

  @Benchmark
  public long render() throws IOException {
    CountingWriter out = new CountingWriter();
    plan.writeYaml(out);
    return out.count;
  }

  @Benchmark
  public long planAndRender() throws IOException {
    CountingWriter out = new CountingWriter();
    spec.plan().writeYaml(out);
    return out.count;
  }

  /** Counts what is written and keeps nothing. */
  static final class CountingWriter extends Writer {
    long count;

    @Override
    public void write(char[] buffer, int offset, int length) {
      count += length;
    }

    @Override
    public void write(String text, int offset, int length) {
      count += length;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
