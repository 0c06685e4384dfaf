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
        + " StatefulSet.apps shop/db) to be Bound (not made yet)";
    assertThat(report.isSuccess()).isFalse();
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(COPY);
      assertThat(r.message()).contains("not attempted: " + reason);
    });
    assertThat(listener.events("waitFailed")).containsExactly("waitFailed PersistentVolumeClaim shop/data-db-5 (made"
        + " from StatefulSet.apps shop/db) to be Bound: " + reason);
    assertThat(cluster.client().persistentVolumeClaims().inNamespace("shop").withName("copy").get()).isNull();
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
