package dev.shipshape.mesh.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.mesh.MeshFixtures;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Releases on a real kube-apiserver with Istio's CRDs installed from the shared reference folder: the weights of
 * the live VirtualService are read after every step, and a failing gate rolls the release back.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ReleaseRunnerControlPlaneTest {
  private static final java.util.Set<String> USED_CRDS = java.util.Set.of("virtualservices.networking.istio.io",
      "destinationrules.networking.istio.io", "peerauthentications.security.istio.io");

  private static ClusterSpec base(String namespace) {
    // Only the CRDs of the kinds the spec uses, to keep the test quick.
    List<HasMetadata> crds = Manifests.read(SharedData.require("k8s-reference/crds/istio")).stream()
        .filter(c -> USED_CRDS.contains(c.getMetadata().getName())).collect(Collectors.toList());
    return MeshFixtures.spec(namespace).name("release-" + namespace).resources(crds).build();
  }

  /** The base spec of {@code namespace}, applied; fails the test when the apply does not succeed. */
  private static ClusterSpec applied(KubernetesExecutor executor, String namespace) {
    ClusterSpec base = base(namespace);
    ApplyReport report = executor.apply(base.plan());
    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    return base;
  }

  /**
   * Waits until every Deployment of the namespace that asks for replicas has pods, as a cluster has them when it is
   * analyzed: the controller-manager creates them (Pending, the control plane has no nodes) a moment after the
   * apply, and a DestinationRule subset selecting no pod yet is IST0173.
   */
  private static void awaitPods(KubernetesClient client, String namespace) throws InterruptedException {
    List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
        .filter(d -> d.getSpec().getReplicas() == null || d.getSpec().getReplicas() > 0).toList();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!deployments.stream().allMatch(d -> !client.pods().inNamespace(namespace)
        .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().isEmpty())) {
      assertThat(System.nanoTime()).as("pods of every Deployment of " + namespace + " within 60 s")
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** From the stable subset v1 to the canary v2 of the namespace's routes. */
  private static CanaryRelease v1ToV2(String namespace) {
    return CanaryRelease.of(MeshFixtures.routes(namespace)).stable("v1").canary("v2");
  }

  /**
   * Applies the namespace's base spec and releases v2 in 10, 50 and 100 % steps, each gated by the error ratio the
   * fake Prometheus answers, adding the live weights after every step to {@code seen}.
   */
  private static ReleaseReport releaseGatedByErrorRatio(KubernetesClient client, String namespace,
      FakePrometheus prometheus, Duration gateTimeout, List<List<String>> seen) {
    KubernetesExecutor executor = KubernetesExecutor.using(client);
    ClusterSpec base = applied(executor, namespace);
    CanaryRelease release = v1ToV2(namespace).steps(10, 50, 100)
        .gate(ReleaseGate.of(ResourceRef.namespaced("apps", "Deployment", namespace, "web-v2"),
            PrometheusQuery.below(prometheus.uri(), "error_ratio", 0.01)).timeout(gateTimeout));
    return ReleaseRunner.using(executor, client).pollInterval(Duration.ofMillis(100))
        .listener(recordWeights(client, namespace, seen)).run(release, base);
  }

  private static List<String> liveWeights(KubernetesClient client, String namespace) {
    HasMetadata vs = client.genericKubernetesResources("networking.istio.io/v1", "VirtualService")
        .inNamespace(namespace).withName("web").get();
    JsonNode http = Manifests.toTree(vs).path("spec").path("http");
    List<String> weights = new ArrayList<>();
    for (JsonNode route : http.get(http.size() - 1).path("route")) {
      weights.add(route.path("destination").path("subset").asText() + "=" + route.path("weight").asInt());
    }
    return weights;
  }

  private static ReleaseListener recordWeights(KubernetesClient client, String namespace, List<List<String>> seen) {
    return new ReleaseListener() {
      @Override
      public void stepEnd(ReleaseStep step) {
        seen.add(liveWeights(client, namespace));
      }
    };
  }

  @Test
  void canaryShiftsTheLiveWeightsStepByStepWhileTheMetricIsGood(KubernetesClient client) throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      prometheus.answer("0.001");
      List<List<String>> seen = new ArrayList<>();
      ReleaseReport report = releaseGatedByErrorRatio(client, "canary-ok", prometheus, Duration.ofSeconds(2), seen);

      assertThat(report.completed()).as(report.toString()).isTrue();
      assertThat(report.completedSteps()).containsExactly("canary 10%", "canary 50%", "canary 100%");
      assertThat(seen).containsExactly(List.of("v1=90", "v2=10"), List.of("v1=50", "v2=50"),
          List.of("v1=0", "v2=100"));
      assertThat(prometheus.queries()).hasSize(2);
    }
  }

  @Test
  void aFailingMetricRollsTheReleaseBackToTheStableSubset(KubernetesClient client) throws Exception {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      prometheus.answer("0.3");
      List<List<String>> seen = new ArrayList<>();
      ReleaseReport report = releaseGatedByErrorRatio(client, "canary-bad", prometheus, Duration.ofMillis(300),
          seen);

      assertThat(report.completed()).isFalse();
      assertThat(report.completedSteps()).isEmpty();
      assertThat(report.rollbackReason()).get().asString()
          .contains("after canary 10%", "error_ratio = 0.3 (want < 0.01)");
      assertThat(seen).containsExactly(List.of("v1=90", "v2=10"));
      assertThat(liveWeights(client, "canary-bad")).containsExactly("v1=100", "v2=0");
    }
  }

  @Test
  void aDeploymentThatNeverBecomesReadyRollsTheReleaseBack(KubernetesClient client) {
    KubernetesExecutor executor = KubernetesExecutor.using(client);
    ClusterSpec base = applied(executor, "canary-unready");
    CanaryRelease release = v1ToV2("canary-unready").steps(25, 100)
        .gate(ReleaseGate.deploymentReady("canary-unready", "web-v2").timeout(Duration.ofMillis(300)));
    ReleaseReport report = ReleaseRunner.using(executor, client).pollInterval(Duration.ofMillis(100))
        .run(release, base);
    // A control plane without nodes runs no pods, so the canary Deployment never becomes available.
    assertThat(report.rollbackReason()).get().asString().contains("Deployment ready", "web-v2", "did not hold");
    assertThat(liveWeights(client, "canary-unready")).containsExactly("v1=100", "v2=0");
  }

  @Test
  void aStepWritesOnlyTheVirtualServiceAndRepeatingItWritesNothing(KubernetesClient client) {
    KubernetesExecutor executor = KubernetesExecutor.using(client);
    ClusterSpec base = applied(executor, "canary-step");
    ReleaseStep step = v1ToV2("canary-step").steps(30).steps().get(0);

    ApplyReport first = executor.apply(ReleaseRunner.plan(base, step));
    ApplyReport again = executor.apply(ReleaseRunner.plan(base, step));

    assertThat(first.withOutcome(Outcome.UPDATED)).extracting(r -> r.ref().toString()).as(first.toText())
        .containsExactly(ResourceRef.namespaced("networking.istio.io", "VirtualService", "canary-step", "web")
            .toString());
    assertThat(again.counts()).as(again.toText()).containsOnlyKeys(Outcome.UNCHANGED);
  }

  @Test
  void theAppliedObjectsPassTheMeshAnalysisOfTheLiveCluster(KubernetesClient client) throws InterruptedException {
    applied(KubernetesExecutor.using(client), "analyzed");
    awaitPods(client, "analyzed");
    List<String> codes = MeshAnalyzer.all().analyzeLive(client, List.of("analyzed")).findings().stream()
        .map(f -> f.equivalents().get(0) + " " + f.resource().map(Object::toString).orElse(""))
        .collect(Collectors.toList());
    assertThat(codes).noneMatch(c -> c.contains("VirtualService") || c.contains("DestinationRule"));
  }
}
