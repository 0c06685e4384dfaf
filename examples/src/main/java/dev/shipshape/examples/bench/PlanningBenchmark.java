package dev.shipshape.examples.bench;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.RecordingExecutor;
import dev.shipshape.core.plan.Plan;
import java.util.Locale;

/**
 * Measures planning on the {@link TenantWorkload}: {@code plan()} (compile, validate, order), rendering the plan as
 * YAML, and applying it twice to an in-memory executor (the second apply must change nothing). Run it with
 * {@code java -cp examples/target/shipshape-demo.jar dev.shipshape.examples.bench.PlanningBenchmark [N...]}; the
 * default sizes 250, 500 and 1000 show whether the cost per object stays flat (linear planning).
 */
public final class PlanningBenchmark {
  private static final int WARMUP_ROUNDS = 2;

  private PlanningBenchmark() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {250, 500, 1000} : parse(args);
    for (int i = 0; i < WARMUP_ROUNDS; i++) measure(TenantWorkload.spec(sizes[0]), false);
    System.out.println("tenants  objects  plan ms  per object µs  yaml ms  yaml MB  apply ms  re-apply ms");
    for (int n : sizes) measure(TenantWorkload.spec(n), true);
  }

  private static void measure(ClusterSpec spec, boolean print) {
    long t0 = System.nanoTime();
    Plan plan = spec.plan();
    long t1 = System.nanoTime();
    String yaml = plan.toYaml();
    long t2 = System.nanoTime();
    RecordingExecutor cluster = new RecordingExecutor();
    cluster.apply(plan).throwIfFailed();
    long t3 = System.nanoTime();
    int changes = cluster.apply(plan).throwIfFailed().changeCount();
    long t4 = System.nanoTime();
    if (changes != 0) throw new IllegalStateException("re-applying an unchanged plan changed " + changes);
    if (print) {
      int objects = plan.resources().size();
      System.out.printf(Locale.ROOT, "%7d  %7d  %7d  %13.1f  %7d  %7.1f  %8d  %11d%n",
          (objects - 6) / 17, objects, ms(t1 - t0), (t1 - t0) / 1000.0 / objects, ms(t2 - t1),
          yaml.length() / 1_000_000.0, ms(t3 - t2), ms(t4 - t3));
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static int[] parse(String[] args) {
    int[] sizes = new int[args.length];
    for (int i = 0; i < args.length; i++) sizes[i] = Integer.parseInt(args[i]);
    return sizes;
  }
}
