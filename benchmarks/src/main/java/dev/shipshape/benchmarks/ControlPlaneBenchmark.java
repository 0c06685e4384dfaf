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
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Applies the {@link TenantWorkload} to a real kube-apiserver started by {@link LocalControlPlane} (binaries from
 * {@code KUBEBUILDER_ASSETS}), twice: the first apply creates everything, the second must change nothing and send no
 * write request (counted on the wire). It prints both times and the write counts, and the whole process's time.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.benchmarks.ControlPlaneBenchmark N
 * CRD_DIR...}: N tenants (default 100), and folders of CustomResourceDefinition YAML installed first (the
 * workload uses Istio's and Velero's).
 */
public final class ControlPlaneBenchmark {
  private ControlPlaneBenchmark() {}

  public static void main(String[] args) throws IOException {
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
      WriteCounter counter = WriteCounter.create();
      try (KubernetesClient counting = counter.countingClient(admin)) {
        KubernetesExecutor executor = KubernetesExecutor.builder(counting).concurrency(32).build();
        ApplyOptions options = ApplyOptions.defaults();
        long t0 = System.nanoTime();
        ApplyReport first = executor.apply(plan, options);
        long t1 = System.nanoTime();
        int firstWrites = counter.count();
        counter.reset();
        ApplyReport second = executor.apply(plan, options);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d tenants, %d objects; control plane started in %.1f s%n", tenants,
            plan.resources().size(), seconds(ready - started));
        System.out.printf(Locale.ROOT, "first apply:     %6.2f s, %d writes, %s%n", seconds(t1 - t0), firstWrites,
            first.counts());
        System.out.printf(Locale.ROOT, "unchanged apply: %6.2f s, %d writes, %s%n", seconds(t2 - t1),
            counter.count(), second.counts());
        System.out.printf(Locale.ROOT, "whole process:   %6.2f s (JVM start to here)%n",
            (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0);
        if (!first.isSuccess() || !second.isSuccess()) {
          System.err.println(first.isSuccess() ? second.toText() : first.toText());
          System.exit(1);
        }
      }
    }
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
