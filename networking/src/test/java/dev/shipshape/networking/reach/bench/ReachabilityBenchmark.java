package dev.shipshape.networking.reach.bench;

import dev.shipshape.networking.reach.ConnectivityReport;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All-pairs connectivity on a synthetic cluster: 2,000 pods (1,000 two-replica workloads) in 200 namespaces, with
 * 200 to 1,600 NetworkPolicies, to show the time and how it grows with the number of policies. Not a unit test;
 * run it by hand:
 *
 * <pre>
 * mvn -q -pl networking -am test-compile
 * java -cp "$(cat networking/target/bench.classpath):networking/target/classes:networking/target/test-classes" \
 *     dev.shipshape.networking.reach.bench.ReachabilityBenchmark
 * </pre>
 *
 * where {@code bench.classpath} comes from {@code mvn -q -pl networking dependency:build-classpath
 * -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test} (see the module README).
 */
public final class ReachabilityBenchmark {
  private static final int NAMESPACES = 200;
  private static final int WORKLOADS_PER_NAMESPACE = 5;
  private static final int REPLICAS = 2;

  private ReachabilityBenchmark() {}

  public static void main(String[] args) {
    int[] policyCounts = {200, 400, 800, 1600};
    // Warm up the JIT on the largest case first, so that the first measured row is not the slowest.
    measure(800, 2);
    System.out.println("pods  namespaces  policies  connections  median ms (of 5)");
    for (int policies : policyCounts) {
      long[] result = measure(policies, 5);
      System.out.printf(Locale.ROOT, "%4d  %10d  %8d  %11d  %16d%n", NAMESPACES * WORKLOADS_PER_NAMESPACE * REPLICAS,
          NAMESPACES, policies, result[1], result[0]);
    }
  }

  /** Median milliseconds of {@code runs} analyses (load and all pairs), and the number of connections. */
  private static long[] measure(int policies, int runs) {
    List<HasMetadata> objects = cluster(policies);
    long[] times = new long[runs];
    int connections = 0;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ConnectivityReport report = ReachabilityAnalyzer.of(objects).connectivity();
      times[i] = (System.nanoTime() - start) / 1_000_000;
      connections = report.connections().size();
    }
    java.util.Arrays.sort(times);
    return new long[] {times[runs / 2], connections};
  }

  static List<HasMetadata> cluster(int policyCount) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int n = 0; n < NAMESPACES; n++) {
      String ns = "ns-" + n;
      objects.add(new NamespaceBuilder().withNewMetadata().withName(ns)
          .withLabels(Map.of("team", "team-" + (n % 20), "tier", n % 2 == 0 ? "front" : "back"))
          .endMetadata().build());
      for (int w = 0; w < WORKLOADS_PER_NAMESPACE; w++) {
        for (int r = 0; r < REPLICAS; r++) {
          objects.add(new PodBuilder().withNewMetadata().withName("app-" + w + "-" + r).withNamespace(ns)
              .withLabels(Map.of("app", "app-" + w, "role", w == 0 ? "api" : "worker"))
              .addNewOwnerReference().withKind("ReplicaSet").withName("app-" + w).withController(true)
              .withApiVersion("apps/v1").withUid(ns + w).endOwnerReference().endMetadata()
              .withNewSpec().addNewContainer().withName("main").withImage("app")
              .addNewPort().withName("http").withContainerPort(8000 + w).endPort().endContainer().endSpec()
              .build());
        }
      }
    }
    for (int p = 0; p < policyCount; p++) objects.add(policy(p));
    return objects;
  }

  /** Four kinds of policy in turn: default deny, cross-namespace ingress, named-port ingress, egress with ipBlock. */
  private static HasMetadata policy(int p) {
    // Every count of policies mixes the four kinds; past 800, namespaces get a second set.
    String ns = "ns-" + ((p / 4) % NAMESPACES);
    int kind = p % 4;
    NetworkPolicyBuilder b = new NetworkPolicyBuilder().withNewMetadata().withName("p-" + p).withNamespace(ns)
        .endMetadata();
    switch (kind) {
      case 0:
        return b.withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress")
            .endSpec().build();
      case 1:
        return b.withNewSpec().withNewPodSelector().addToMatchLabels("role", "api").endPodSelector()
            .addNewIngress().addNewFrom().withNewNamespaceSelector().addToMatchLabels("team", "team-" + (p % 20))
            .endNamespaceSelector().withNewPodSelector().addToMatchLabels("app", "app-1").endPodSelector().endFrom()
            .addNewPort().withPort(new IntOrString(8000)).endPort().endIngress().endSpec().build();
      case 2:
        return b.withNewSpec().withNewPodSelector().addNewMatchExpression().withKey("app").withOperator("In")
            .withValues("app-2", "app-3").endMatchExpression().endPodSelector()
            .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom()
            .addNewFrom().withNewNamespaceSelector().addToMatchLabels("tier", "front").endNamespaceSelector()
            .endFrom().addNewPort().withPort(new IntOrString("http")).endPort().endIngress().endSpec().build();
      default:
        return b.withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
            .addNewEgress().addNewTo().withNewNamespaceSelector().addToMatchLabels("tier", "back")
            .endNamespaceSelector().endTo().addNewPort().withProtocol("TCP").withPort(new IntOrString(8000))
            .withEndPort(8004).endPort().endEgress()
            .addNewEgress().addNewTo().withNewIpBlock().withCidr("10.0.0.0/8").withExcept("10." + (p % 250) + ".0.0/16")
            .endIpBlock().endTo().endEgress().endSpec().build();
    }
  }
}
