package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.embedded.EmbeddedCluster;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each executor does with a gate on an object that a controller makes: the live one waits for it (here the
 * embedded cluster's stand-in makes a StatefulSet's claims and marks them Bound), a dry run and an export do not wait
 * (they wait for no gate), and the recording executor opens it at once, as every gate.
 */
class ControllerObjectGateTest {
  private static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  private static final ResourceRef COPY = ResourceRef.core("PersistentVolumeClaim", "shop", "copy");
  private static final String STATEFUL_SET = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db,"
      + " namespace: shop}\nspec: {replicas: 1, serviceName: db, selector: {matchLabels: {app: db}}, template:"
      + " {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: db}]}}, volumeClaimTemplates:"
      + " [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]}\n";
  private static final String COPY_YAML = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: copy,"
      + " namespace: shop}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}},"
      + " dataSourceRef: {kind: PersistentVolumeClaim, name: %s}}\n";

  private static final String NOT_MADE = "not made yet by the controller of StatefulSet.apps shop/db: that"
      + " controller may not run on the cluster, may make it only after something else is ready (a StatefulSet under"
      + " podManagementPolicy OrderedReady makes a pod and its claims only once every pod before it is Running and"
      + " Ready), or StatefulSet.apps shop/db may not cover the name data-db-5 (such as a StatefulSet's replicas,"
      + " ordinals and claim templates)";

  private EmbeddedCluster cluster;
  private KubernetesExecutor executor;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void start() {
    MockServerLog.quiet();
    cluster = EmbeddedCluster.start();
    executor = KubernetesExecutor.builder(cluster.client()).strategy(ApplyStrategy.AUTO)
        .timeout(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).build();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** The StatefulSet, and a clone of the claim of its pod of this ordinal, awaiting that claim Bound. */
  private static Plan plan(int ordinal) {
    String claim = "data-db-" + ordinal;
    ControllerObject bound = ControllerObject.of(ResourceRef.core("PersistentVolumeClaim", "shop", claim),
        Conditions.pvcBound(), DB);
    // The namespace exists already (the mock server takes objects in any): the claim's is the only gate.
    return ClusterSpec.builder().name("clone").preExistingNamespace("shop").resource(TestManifests.object(STATEFUL_SET))
        .component(StaticComponent.of("copy", TestManifests.object(String.format(COPY_YAML, claim)))
            .awaiting(bound))
        .build().plan();
  }

  private ApplyOptions options() {
    return ApplyOptions.builder().listener(listener).build();
  }

  @Test
  void theLiveExecutorWritesTheCloneOnceTheControllerMadeTheClaimAndItIsBound() {
    ApplyReport report = executor.apply(plan(0), options());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    String gate = "PersistentVolumeClaim shop/data-db-0 (made from StatefulSet.apps shop/db) to be Bound";
    assertThat(listener.events()).containsSubsequence("resourceStart " + DB, "waveEnd 0", "waitStart " + gate,
        "waitEnd " + gate + ": Bound", "waveStart 1", "resourceStart " + COPY);
    assertThat(listener.events("waitStart")).containsExactly("waitStart " + gate);
  }

  @Test
  void aClaimTheControllerNeverMakesTimesOutNamingItAndItsOrigin() {
    ApplyReport report = executor.toBuilder().timeout(Duration.ofMillis(300)).build().apply(plan(5), options());

    String reason = "timed out after 300 ms waiting for PersistentVolumeClaim shop/data-db-5 (made from"
        + " StatefulSet.apps shop/db) to be Bound (" + NOT_MADE + ")";
    assertThat(report.isSuccess()).isFalse();
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(COPY);
      assertThat(r.message()).contains(reason);
    });
    assertThat(listener.events("waitFailed")).containsExactly("waitFailed PersistentVolumeClaim shop/data-db-5 (made"
        + " from StatefulSet.apps shop/db) to be Bound: " + reason);
    assertThat(cluster.client().persistentVolumeClaims().inNamespace("shop").withName("copy").get()).isNull();
  }

  /**
   * Two components ordered after the StatefulSet (one replica, ordinal 3): c0 awaits data-db-3, which the controller
   * makes, c5 data-db-5, which it never makes. Each object not attempted is told of the gates it waited for, not of
   * another's that closed on the same origin.
   */
  @Test
  void eachObjectNotAttemptedIsToldOfTheGatesItAwaitedNotOfAnotherOnTheSameOrigin() {
    String set = STATEFUL_SET.replace("replicas: 1,", "replicas: 1, ordinals: {start: 3},");
    ControllerObject made = ControllerObject.of(ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-3"),
        Conditions.pvcBound(), DB);
    ControllerObject never = ControllerObject.of(ResourceRef.core("PersistentVolumeClaim", "shop", "data-db-5"),
        Conditions.pvcBound(), DB);
    // In another namespace: those of shop come before its pods.
    Plan plan = ClusterSpec.builder().name("two").preExistingNamespace("shop").preExistingNamespace("other")
        .resource(TestManifests.object(set))
        .component(StaticComponent.of("c0", TestManifests.configMap("other", "c0")).awaiting(made))
        .component(StaticComponent.of("c5", TestManifests.configMap("other", "c5")).awaiting(never))
        .build().plan();
    ApplyReport report = executor.toBuilder().timeout(Duration.ofMillis(500)).build().apply(plan, options());

    String reason = "timed out after 500 ms waiting for PersistentVolumeClaim shop/data-db-5 (made from"
        + " StatefulSet.apps shop/db) to be Bound (" + NOT_MADE + ")";
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(r -> r.ref().name() + ": " + r.message()
        .orElseThrow()).containsExactlyInAnyOrder("c0: the apply stopped before this wave (" + reason
        + ")", "c5: " + reason);
    assertThat(listener.events("waitEnd")).containsExactly("waitEnd PersistentVolumeClaim shop/data-db-3 (made from"
        + " StatefulSet.apps shop/db) to be Bound: Bound");
  }

  @Test
  void aDryRunWaitsForNoGateAndWritesNothing() {
    ApplyReport report = executor.apply(plan(5), ApplyOptions.builder().listener(listener).dryRun(true).build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(listener.events("waitStart")).isEmpty();
    assertThat(report.results()).extracting(ResourceResult::ref).contains(DB, COPY);
    assertThat(cluster.client().persistentVolumeClaims().inNamespace("shop").list().getItems()).isEmpty();
  }

  @Test
  void theRecordingExecutorOpensTheGateAtOnceAndAnExportKeepsTheOrder() {
    Plan plan = plan(5);
    RecordingExecutor recording = new RecordingExecutor();
    assertThat(recording.apply(plan).isSuccess()).isTrue();
    assertThat(recording.written()).containsSubsequence(DB, COPY);

    StringWriter yaml = new StringWriter();
    ApplyReport exported = ManifestExecutor.toWriter(yaml).apply(plan);
    assertThat(exported.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.WRITTEN);
    assertThat(yaml.toString().indexOf("kind: StatefulSet")).isPositive()
        .isLessThan(yaml.toString().indexOf("name: copy"));
  }
}
