package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.Writer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building, planning and rendering the {@link TenantWorkload} in process, warm: {@code build} makes the spec with
 * the SDK's builders, {@code plan} compiles, validates and orders it, {@code render} writes the plan's YAML (to a
 * writer that counts characters, so that the terminal or disk is not measured). Warmed up for 24 s: on two cores
 * the optimizing compiler still compiles the planning code through the first 16 s or so (one plan took 580 ms in
 * the first iteration, 260 ms in the third and 160 ms in the eighth), and shorter warm-ups measured that.
 */
@Warmup(iterations = 12, time = 2)
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
