package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.step.ExternalStep;
import dev.shipshape.core.step.FakeStep;
import dev.shipshape.core.step.StepComponent;
import dev.shipshape.core.step.StepContext;
import dev.shipshape.core.step.StepDiff;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each executor runs, records, diffs or notes a step of the plan that is not a Kubernetes object. */
@EnableKubernetesMockClient(crud = true)
class ExternalStepApplyTest {
  private static final ResourceRef BEFORE = ResourceRef.core("ConfigMap", "shop", "before");
  private static final ResourceRef AFTER = ResourceRef.core("ConfigMap", "shop", "after");
  private static final String PASSWORD = "hunter2-password";

  KubernetesClient client;
  private KubernetesExecutor executor;

  @BeforeEach
  void setUp() {
    MockServerLog.quiet();
    executor = KubernetesExecutor.builder(KubernetesExecutor.clientFor(client.getConfiguration()))
        .strategy(ApplyStrategy.CLIENT_SIDE).concurrency(1).pollInterval(Duration.ofMillis(10))
        .timeout(Duration.ofMinutes(2)).build();
  }

  @AfterEach
  void closeClient() {
    executor.client().close();
  }

  /** Namespace (wave 0), ConfigMap before (1), the step (2), ConfigMap after (3), and a Secret. */
  private static Plan plan(ExternalStep step) {
    return ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop"))
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "before", "k", "v"),
            TestManifests.configMap("shop", "after", "k", "v"),
            TestManifests.object("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\n"
                + "stringData: {password: " + PASSWORD + "}\n")))
        .component(new StepComponent("release", step)).build().plan();
  }

  private static FakeStep deploy() {
    return FakeStep.of("deploy").inNamespace("shop").requiring(BEFORE).requiredBy(AFTER);
  }

  private ApplyReport apply(Plan plan, RecordingListener listener, boolean dryRun) {
    return executor.apply(plan, ApplyOptions.builder().dryRun(dryRun)
        .listener(ApplyListener.composite(new ControllerStandIn(client), listener)).build());
  }

  @Test
  void theExecutorRunsAStepInItsWaveAfterTheWavesObjectsWithItsTimeout() {
    FakeStep step = deploy();
    RecordingListener events = new RecordingListener();

    ApplyReport report = apply(plan(step), events, false);

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(events.events()).containsSubsequence("resourceEnd ConfigMap shop/before CREATED", "waveEnd 1",
        "waveStart 2", "stepStart deploy", "stepEnd deploy CREATED", "waveEnd 2", "waveStart 3",
        "resourceEnd ConfigMap shop/after CREATED");
    assertThat(step.log()).containsExactly("run deploy dryRun=false timeout=PT2M");
    assertThat(report.steps()).containsExactly(StepResult.builder().step("deploy").description("fake deploy: run")
        .outcome(StepOutcome.CREATED).wave(2).message("done").build());
    assertThat(report.changeCount()).isEqualTo(5);
    assertThat(report.toText()).contains("created step deploy: done\n");
    assertThat(report.toJson().path("steps").toString()).isEqualTo("[{\"step\":\"deploy\",\"description\":"
        + "\"fake deploy: run\",\"outcome\":\"CREATED\",\"wave\":2,\"message\":\"done\"}]");
  }

  @Test
  void aFailedStepFailsItsWaveAndLaterWavesAreNotAttempted() {
    RecordingListener events = new RecordingListener();

    ApplyReport report = apply(plan(deploy().answering(StepOutcome.FAILED, "boom")), events, false);

    assertThat(report.isSuccess()).isFalse();
    assertThat(events.events()).contains("stepFailed deploy: boom");
    assertThat(events.events()).doesNotContain("waveEnd 2", "waveStart 3");
    assertThat(report.results()).filteredOn(r -> r.ref().equals(AFTER)).extracting(ResourceResult::toString)
        .containsExactly("not attempted ConfigMap shop/after: wave 2 failed (1 of 1 steps)");
  }

  @Test
  void aStepAfterAFailedWaveIsNotAttemptedAndAThrowingStepFailsWithoutStoppingTheReport() {
    ExternalStep throwing = new ExternalStep() {
      @Override
      public String id() {
        return "throws";
      }

      @Override
      public String description() {
        return "throws: run";
      }

      @Override
      public StepResult run(StepContext context) {
        throw new IllegalStateException("broken step");
      }

      @Override
      public StepDiff diff(StepContext context) {
        throw new IllegalStateException("broken diff");
      }
    };
    Plan plan = plan(throwing);

    ApplyReport report = executor.apply(plan);
    DiffReport diff = executor.diff(plan);

    assertThat(report.steps()).extracting(StepResult::toString)
        .containsExactly("failed step throws: unexpected error: java.lang.IllegalStateException: broken step");
    assertThat(diff.steps()).extracting(StepDiff::action).containsExactly(ResourceDiff.Action.UPDATE);
    assertThat(diff.steps().get(0).details())
        .containsExactly("could not compute the diff: java.lang.IllegalStateException: broken diff");
  }

  @Test
  void aDryRunAsksTheStepForADryRun() {
    FakeStep step = deploy();

    ApplyReport report = apply(plan(step), new RecordingListener(), true);

    assertThat(report.dryRun()).isTrue();
    assertThat(step.log()).containsExactly("run deploy dryRun=true timeout=PT2M");
    assertThat(report.steps()).extracting(StepResult::outcome).containsExactly(StepOutcome.CREATED);
  }

  @Test
  void aDiffAsksTheStepForItsDiff() {
    FakeStep step = deploy().answering(StepOutcome.UPDATED, "replicas 1 -> 2");

    DiffReport diff = executor.diff(plan(step));

    assertThat(step.log()).containsExactly("diff deploy");
    assertThat(diff.hasChanges()).isTrue();
    assertThat(diff.toText()).endsWith("update step deploy\n    ~ replicas 1 -> 2\n");
    assertThat(diff.toJson().path("steps").toString()).isEqualTo("[{\"step\":\"deploy\",\"description\":"
        + "\"fake deploy: run\",\"action\":\"UPDATE\",\"details\":[\"~ replicas 1 -> 2\"]}]");
  }

  @Test
  void theValuesOfThePlansSecretsAreHiddenFromStepResultsAndEvents() {
    RecordingListener events = new RecordingListener();
    StepResult[] seen = new StepResult[1];
    ApplyListener capture = new ApplyListener() {
      @Override
      public void stepEnd(StepResult result) {
        seen[0] = result;
      }
    };

    ApplyReport report = executor.apply(plan(deploy().answering(StepOutcome.UPDATED, "password is " + PASSWORD)),
        ApplyOptions.builder().listener(ApplyListener.composite(new ControllerStandIn(client),
            ApplyListener.composite(events, capture))).build());

    assertThat(report.steps().get(0).message().orElseThrow()).doesNotContain(PASSWORD).startsWith("password is ");
    assertThat(seen[0].message().orElseThrow()).doesNotContain(PASSWORD);
    assertThat(report.toText()).doesNotContain(PASSWORD);
  }

  @Test
  void anExportNotesEveryStepItCannotWriteWithoutFailing(@TempDir Path dir) throws IOException {
    ApplyReport report = ManifestExecutor.toDirectory(dir).apply(plan(deploy()));

    assertThat(report.isSuccess()).isTrue();
    assertThat(report.steps()).extracting(StepResult::toString).containsExactly(
        "not exportable step deploy: not exportable: it runs only when the plan is applied to a cluster");
    assertThat(Files.readString(dir.resolve("kustomization.yaml")))
        .contains("# not exportable: fake deploy: run (runs only when the plan is applied to a cluster)");
  }

  @Test
  void theRecordingExecutorRecordsStepsAsCreatedUnchangedAndUpdated() {
    RecordingExecutor cluster = new RecordingExecutor();
    FakeStep step = deploy();

    ApplyReport first = cluster.apply(plan(step));
    ApplyReport again = cluster.apply(plan(step));
    ApplyReport changed = cluster.apply(plan(step.answering(StepOutcome.CREATED, "other")));

    assertThat(first.steps()).extracting(StepResult::outcome).containsExactly(StepOutcome.CREATED);
    assertThat(again.steps()).extracting(StepResult::outcome).containsExactly(StepOutcome.UNCHANGED);
    assertThat(changed.steps()).extracting(StepResult::outcome).containsExactly(StepOutcome.UPDATED);
    assertThat(cluster.ranSteps()).containsExactly("deploy", "deploy");
    assertThat(step.log()).isEmpty();
  }
}
