package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import com.sun.management.OperatingSystemMXBean;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Applies the {@link TenantWorkload} to a real kube-apiserver started by {@link LocalControlPlane} (binaries from
 * {@code KUBEBUILDER_ASSETS}), twice: the first apply creates everything, the second must change nothing and send no
 * write request (counted on the wire). It prints both times and the write counts, and the whole process's time.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.benchmarks.ControlPlaneBenchmark N
 * CRD_DIR...}: N tenants (default 100), and folders of CustomResourceDefinition YAML installed first (the
 * workload uses Istio's and Velero's). With {@code --cli LAUNCHER} first (such as {@code --cli bin/shipshape}), the
 * two applies are whole processes of the command line instead, timed with {@code /usr/bin/time -v}.
 */
public final class ControlPlaneBenchmark {
  private ControlPlaneBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    boolean cli = arguments.length > 1 && arguments[0].equals("--cli");
    String[] args = cli ? Arrays.copyOfRange(arguments, 2, arguments.length) : arguments;
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    if (LocalControlPlane.available().isPresent()) {
      System.err.println(LocalControlPlane.available().get());
      System.exit(2);
    }
    long started = System.nanoTime();
    LocalControlPlane controlPlane = LocalControlPlane.shared();
    long ready = System.nanoTime();
    ClusterSpec spec = TenantWorkload.spec(tenants);
    Plan plan = spec.plan();
    try (KubernetesClient admin = controlPlane.adminClient()) {
      prepare(admin, spec, List.of(args).subList(Math.min(1, args.length), args.length));
      if (cli) {
        applyWithCli(Path.of(arguments[1]).toAbsolutePath().toString(), controlPlane.kubeconfig(), tenants);
        return;
      }
      WriteCounter counter = WriteCounter.create();
      RequestTally tally = new RequestTally();
      try (KubernetesClient counting = KubernetesExecutor.clientBuilderFor(admin.getConfiguration())
          .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("writes", counter.interceptor())
              .addOrReplaceInterceptor("tally", tally))
          .build()) {
        KubernetesExecutor executor = KubernetesExecutor.builder(counting).concurrency(32).build();
        PhaseTimer phases = new PhaseTimer();
        ApplyOptions options = ApplyOptions.builder().listener(phases).build();
        System.out.printf(Locale.ROOT, "%d tenants, %d objects; control plane started in %.1f s%n", tenants,
            plan.resources().size(), seconds(ready - started));
        ApplyReport first = timed("first apply:    ", () -> executor.apply(plan, options), counter, tally, phases);
        ApplyReport second = timed("unchanged apply:", () -> executor.apply(plan, options), counter, tally, phases);
        System.out.printf(Locale.ROOT, "whole process:   %6.2f s (JVM start to here)%n",
            (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0);
        if (!first.isSuccess() || !second.isSuccess()) {
          System.err.println(first.isSuccess() ? second.toText() : first.toText());
          System.exit(1);
        }
      }
    }
  }

  /**
   * Whole process: {@code LAUNCHER apply --kubeconfig K bench.jsh} of the workload, first and unchanged re-apply,
   * each under {@code /usr/bin/time -v}, the script compiled and cached by a {@code render} first (as a user's
   * second command would find it). The CLI's own summary line tells what each apply did.
   */
  private static void applyWithCli(String launcher, Path kubeconfig, int tenants) throws IOException {
    Path work = Files.createTempDirectory("shipshape-bench");
    Path script = Files.writeString(work.resolve("bench.jsh"),
        "ClusterSpec spec = dev.shipshape.benchmarks.TenantWorkload.spec(" + tenants + ");\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("XDG_CACHE_HOME", work.resolve("cache").toString());
    env.put("SHIPSHAPE_CLASSPATH", CliBenchmark.ownClassPath());
    CliBenchmark.measure(List.of(launcher, "render", "--out", work.resolve("out").toString(), script.toString()),
        env, work);
    List<String> apply = List.of(launcher, "apply", "--kubeconfig", kubeconfig.toString(), "--concurrency", "32",
        "--progress", "plain", script.toString());
    for (String label : List.of("first apply (CLI):    ", "unchanged apply (CLI):")) {
      CliBenchmark.Run run = CliBenchmark.measure(apply, env, work);
      String summary = run.stdout.lines().filter(line -> line.contains("unchanged") || line.contains("created"))
          .reduce((a, b) -> b).orElse("");
      System.out.printf(Locale.ROOT, "%s %6.2f s whole process (CPU %s s): %s%n", label, run.wallSeconds,
          run.cpuSeconds.map(c -> String.format(Locale.ROOT, "%.2f", c)).orElse("n/a"), summary.trim());
    }
  }

  /** Runs one apply and prints its time, the process's CPU time, its writes, its requests and its phases. */
  private static ApplyReport timed(String label, Supplier<ApplyReport> apply, WriteCounter counter,
      RequestTally tally, PhaseTimer phases) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    counter.reset();
    tally.takeCounts();
    long cpu = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    phases.begin();
    ApplyReport report = apply.get();
    long elapsed = System.nanoTime() - t0;
    System.out.printf(Locale.ROOT, "%s %6.2f s (this JVM's CPU %.2f s), %d writes, %s%n", label, seconds(elapsed),
        seconds(os.getProcessCpuTime() - cpu), counter.count(), report.counts());
    System.out.println("  requests: " + tally.takeCounts());
    phases.print(System.out);
    return report;
  }

  /** The namespaces the spec expects to exist, and the CRDs of these folders, Established. */
  private static void prepare(KubernetesClient admin, ClusterSpec spec, List<String> crdFolders) throws IOException {
    for (String namespace : spec.preExistingNamespaces()) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).serverSideApply();
    }
    for (String folder : crdFolders) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata crd : admin.load(in).items()) {
              admin.resource((CustomResourceDefinition) crd).fieldManager("benchmark").forceConflicts()
                  .serverSideApply();
              admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                  .waitUntilCondition(ControlPlaneBenchmark::established, 60, TimeUnit.SECONDS);
            }
          }
        }
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && Conditions.crdEstablished().evaluate(crd).isMet();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
