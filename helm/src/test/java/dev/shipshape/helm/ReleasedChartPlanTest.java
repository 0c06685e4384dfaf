package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.apply.RecordingExecutor;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a released chart contributes to a plan, offline: one step, ordered, named, never its values. */
class ReleasedChartPlanTest {
  private static final String OBJECTS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
      + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n";
  private static final ResourceRef SETTINGS = ResourceRef.core("ConfigMap", "shop", "settings");

  @TempDir Path dir;

  private HelmChart.Builder released() {
    return HelmChart.directory(TestCharts.starter(dir)).release("web").namespace("shop").mode(ReleaseMode.RELEASED);
  }

  @Test
  void aReleasedChartIsOneStepAfterItsNamespaceAndWhatItDependsOn() {
    Plan plan = ClusterSpec.builder().name("shop").yaml(OBJECTS)
        .component(released().addDependsOn(SETTINGS).setSecret("image.tag", "never-shown-tag").build()).build().plan();

    assertThat(plan.resources()).extracting(r -> r.ref().toString()).containsExactly("Namespace shop",
        "ConfigMap shop/settings");
    assertThat(plan.steps()).hasSize(1);
    PlannedStep step = plan.steps().get(0);
    assertThat(step.id()).isEqualTo("helm-release shop/web");
    assertThat(step.component()).isEqualTo("helm-web");
    assertThat(step.wave()).isEqualTo(2);
    assertThat(step.prerequisites()).containsExactly(SETTINGS, ResourceRef.core("Namespace", null, "shop"));
    assertThat(plan.summary()).contains("\nwave 2 runs helm release shop/web chart web 0.1.0: install or upgrade\n")
        .doesNotContain("never-shown-tag");
    assertThat(plan.toJson().toString()).doesNotContain("never-shown-tag");
  }

  @Test
  void objectsThatRequireTheReleaseComeAfterIt() {
    Plan plan = ClusterSpec.builder().name("shop").yaml(OBJECTS)
        .component(released().addRequiredBy(SETTINGS).build()).build().plan();

    assertThat(plan.steps().get(0).wave()).isEqualTo(1);
    assertThat(plan.find(SETTINGS).orElseThrow().wave()).isEqualTo(2);
  }

  @Test
  void requiredByOnARenderedChartIsAnError() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(OBJECTS).component(HelmChart
        .directory(TestCharts.starter(dir)).release("web").namespace("shop").addRequiredBy(SETTINGS).build()).build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class).hasMessageContaining(
        "[helm-web] requiredBy: requiredBy orders objects after a released chart's release, but this chart is "
            + "rendered — use ClusterSpec dependencies on the chart's objects, or mode(ReleaseMode.RELEASED)");
  }

  @Test
  void aReleasedChartsValuesAreCheckedAgainstItsSchemaAtPlanTime() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").preExistingNamespace("shop").component(HelmChart
        .directory(TestCharts.full(dir)).release("web").namespace("shop").mode(ReleaseMode.RELEASED)
        .set("replicaCount", 0).build()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).extracting(p -> p.field().orElse("")).contains("values.replicaCount"));
  }

  @Test
  void aSecretValueThatATemplateQuotesInItsErrorIsHiddenFromThePlanError() {
    Path chart = dir.resolve("failing");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: failing\nversion: 1.0.0\n");
    TestCharts.write(chart.resolve("templates/fail.yaml"), "{{ fail (printf \"bad token %s\" .Values.token) }}\n");
    ClusterSpec spec = ClusterSpec.builder().name("shop").preExistingNamespace("shop").component(HelmChart
        .directory(chart).release("web").namespace("shop").mode(ReleaseMode.RELEASED)
        .setSecret("token", "tok-very-secret").build()).build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("bad token <redacted>").hasMessageNotContaining("tok-very-secret");
  }

  @Test
  void aReleasedChartWithoutAChartIsAPlanError() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").component(HelmChart.directory(dir.resolve("missing"))
        .release("web").namespace("shop").mode(ReleaseMode.RELEASED).build()).build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("chart directory " + dir.resolve("missing") + " holds no Chart.yaml");
  }

  @Test
  void aRecordingExecutorSeesAnEqualChartAsUnchangedAndNewValuesAsAnUpdate() {
    RecordingExecutor cluster = new RecordingExecutor();
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop").yaml(OBJECTS);

    StepResult first = cluster.apply(spec.component(released().build()).build().plan()).steps().get(0);
    StepResult again = cluster.apply(ClusterSpec.builder().name("shop").yaml(OBJECTS)
        .component(released().build()).build().plan()).steps().get(0);
    StepResult changed = cluster.apply(ClusterSpec.builder().name("shop").yaml(OBJECTS)
        .component(released().set("replicaCount", 2).build()).build().plan()).steps().get(0);

    assertThat(first.outcome()).isEqualTo(StepOutcome.CREATED);
    assertThat(again.outcome()).isEqualTo(StepOutcome.UNCHANGED);
    assertThat(changed.outcome()).isEqualTo(StepOutcome.UPDATED);
  }
}
