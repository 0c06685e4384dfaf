package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes executor against the embedded API server, whose stand-in controllers make gates open. */
class KubernetesExecutorEmbeddedTest {
  private static final ResourceRef DEPLOYMENT = ResourceRef.namespaced("apps", "Deployment", "shop", "web");

  private EmbeddedCluster cluster;
  private KubernetesExecutor executor;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void start() {
    MockServerLog.quiet();
    cluster = EmbeddedCluster.start();
    executor = KubernetesExecutor.builder(cluster.client())
        .strategy(ApplyStrategy.AUTO)
        .timeout(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .build();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ApplyOptions.Builder options() {
    return ApplyOptions.builder().listener(listener);
  }

  @Test
  void namespaceAndCrdGatesOpenBeforeTheObjectsThatNeedThem() {
    Plan plan = ShopSpec.full().plan();

    ApplyReport report = executor.apply(plan, options().build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    // Gates of one wave are waited for in parallel.
    assertThat(listener.events("waitEnd")).containsExactlyInAnyOrder(
        "waitEnd CustomResourceDefinition.apiextensions.k8s.io widgets.example.com to be Established: "
            + "Established",
        "waitEnd Namespace shop to be Active: Active");
    // Wave 1 (namespaced objects, the Widget) starts only after both gates opened.
    assertThat(listener.events()).containsSubsequence("waveEnd 0",
        "waitEnd Namespace shop to be Active: Active", "waveStart 1");
    assertThat(listener.events()).containsSubsequence("waveEnd 0",
        "waitEnd CustomResourceDefinition.apiextensions.k8s.io widgets.example.com to be Established: "
            + "Established", "waveStart 1");
    assertThat(executor.apply(plan, options().build()).results()).extracting(ResourceResult::outcome)
        .containsOnly(Outcome.UNCHANGED);
  }

  @Test
  void waitingForWorkloadsWaitsForTheDeploymentInTheLastWave() {
    Plan plan = ShopSpec.full().plan();
    assertThat(plan.find(DEPLOYMENT).orElseThrow().wave()).isEqualTo(plan.waves().size() - 1);

    ApplyReport report = executor.toBuilder().waitForWorkloads(true).build().apply(plan, options().build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(listener.events()).containsSubsequence("waveEnd 2",
        "waitEnd Deployment.apps shop/web to be ready: 2/2 replicas ready", "applyEnd success");
    assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("web").get().getStatus()
        .getAvailableReplicas()).isEqualTo(2);
  }

  @Test
  void aWorkloadThatDoesNotBecomeReadyFailsTheRunAfterItWasApplied() {
    Plan plan = ShopSpec.full().plan();
    KubernetesExecutor waiting = executor.toBuilder().waitForWorkloads(true).timeout(Duration.ofMillis(300))
        .readiness("Deployment.apps", ReadinessCondition.of("rolled out by hand", live -> false))
        .build();

    ApplyReport report = waiting.apply(plan, options().build());

    assertThat(report.isSuccess()).isFalse();
    assertThat(report.failed()).singleElement().satisfies(failed -> {
      assertThat(failed.ref()).isEqualTo(DEPLOYMENT);
      assertThat(failed.message().orElseThrow()).contains("created, but timed out after 300 ms waiting for"
          + " Deployment.apps shop/web to be rolled out by hand (waiting for rolled out by hand)");
    });
    assertThat(cluster.client().apps().deployments().inNamespace("shop").withName("web").get()).isNotNull();
    assertThat(listener.events()).contains("waitFailed Deployment.apps shop/web to be rolled out by hand: timed out after"
        + " 300 ms waiting for Deployment.apps shop/web to be rolled out by hand (waiting for rolled out by hand)");
  }

  @Test
  void aWorkloadOfAnEarlierWaveThatDoesNotBecomeReadyFailsAndStopsTheLaterWaves() {
    ResourceRef service = ResourceRef.core("Service", "shop", "web");
    Plan plan = ClusterSpec.builder().name("shop")
        .yaml(String.join("\n",
            "apiVersion: v1",
            "kind: Namespace",
            "metadata: {name: shop}",
            "---",
            deployment("web"),
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: web, namespace: shop}",
            "spec: {selector: {app: web}, ports: [{port: 80}]}",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: after-service, namespace: shop}",
            "spec: {selector: {app: web}, ports: [{port: 81}]}",
            ""))
        .dependsOn(service, DEPLOYMENT)
        .dependsOn(ResourceRef.core("Service", "shop", "after-service"), service)
        .build().plan();
    KubernetesExecutor waiting = executor.toBuilder().waitForWorkloads(true).timeout(Duration.ofMillis(300))
        .readiness("Deployment.apps", ReadinessCondition.of("rolled out by hand", live -> false))
        .build();

    ApplyReport report = waiting.apply(plan, options().build());

    assertThat(report.failed()).singleElement().satisfies(failed -> {
      assertThat(failed.ref()).isEqualTo(DEPLOYMENT);
      assertThat(failed.message().orElseThrow()).startsWith("created, but timed out after 300 ms waiting for");
    });
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(ResourceResult::ref)
        .containsExactly(service, ResourceRef.core("Service", "shop", "after-service"));
    // Each object names what kept it back: the first Service its own prerequisite, the second the stopped run.
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(r -> r.message().orElseThrow()).containsExactly(
        "timed out after 300 ms waiting for Deployment.apps shop/web to be rolled out by hand "
            + "(waiting for rolled out by hand)",
        "the apply stopped before this wave (timed out after 300 ms waiting for Deployment.apps "
            + "shop/web to be rolled out by hand (waiting for rolled out by hand))");
  }

  @Test
  void eachObjectNotAttemptedNamesTheGateOfItsOwnPrerequisiteWhenSeveralDoNotOpen() {
    ResourceRef api = ResourceRef.namespaced("apps", "Deployment", "shop", "api");
    ResourceRef webService = ResourceRef.core("Service", "shop", "web");
    ResourceRef apiService = ResourceRef.core("Service", "shop", "api");
    Plan plan = ClusterSpec.builder().name("shop")
        .yaml(String.join("\n",
            "apiVersion: v1",
            "kind: Namespace",
            "metadata: {name: shop}",
            "---",
            deployment("web"),
            "---",
            deployment("api"),
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: api, namespace: shop}",
            "spec: {selector: {app: api}, ports: [{port: 80}]}",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: web, namespace: shop}",
            "spec: {selector: {app: web}, ports: [{port: 80}]}",
            ""))
        .dependsOn(webService, DEPLOYMENT)
        .dependsOn(apiService, api)
        .build().plan();
    KubernetesExecutor waiting = executor.toBuilder().waitForWorkloads(true).timeout(Duration.ofMillis(300))
        .readiness("Deployment.apps", ReadinessCondition.of("rolled out by hand", live -> false))
        .build();

    ApplyReport report = waiting.apply(plan, options().build());

    assertThat(report.failed()).extracting(ResourceResult::ref).containsExactlyInAnyOrder(DEPLOYMENT, api);
    for (ResourceResult r : report.failed()) {
      assertThat(r.message().orElseThrow()).as(r.ref().name()).isEqualTo("created, but timed out after 300 ms "
          + "waiting for Deployment.apps shop/" + r.ref().name() + " to be rolled out by hand (waiting for rolled out "
          + "by hand)");
    }
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(ResourceResult::ref)
        .containsExactlyInAnyOrder(apiService, webService);
    for (ResourceResult r : report.withOutcome(Outcome.NOT_ATTEMPTED)) {
      String name = r.ref().name();
      assertThat(r.message().orElseThrow()).as(name).isEqualTo("timed out after 300 ms waiting for "
          + "Deployment.apps shop/" + name + " to be rolled out by hand (waiting for rolled out by hand)");
    }
  }

  private static String deployment(String name) {
    return String.join("\n",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata: {name: " + name + ", namespace: shop}",
        "spec:",
        "  selector: {matchLabels: {app: " + name + "}}",
        "  template:",
        "    metadata: {labels: {app: " + name + "}}",
        "    spec: {containers: [{name: " + name + ", image: 'nginx:1.27'}]}");
  }
}
