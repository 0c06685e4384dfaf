package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.step.StepDiff;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A released chart as one step of a spec's plan on a real API server: the executor installs it with the spec's
 * objects, re-applies without a new revision or a write, shows and makes an upgrade when the values change.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ReleasedChartStepControlPlaneTest {
  private static final String OBJECTS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %1$s\n---\n"
      + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: %1$s\ndata:\n  mode: fast\n---\n"
      + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after-release\n  namespace: %1$s\n";
  private static final String SECRET_GREETING = "top-secret-greeting-value";

  @TempDir Path dir;

  /**
   * A chart with one ConfigMap holding {@code .Values.greeting} in its data and in a label, which the API server
   * refuses for a greeting that is not a label value.
   */
  private Path greeter() {
    Path chart = dir.resolve("greeter");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: 1.0.0\n");
    TestCharts.write(chart.resolve("values.yaml"), "greeting: hello\n");
    TestCharts.write(chart.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: {{ .Release.Name }}\n  labels:\n    greeting: {{ .Values.greeting | quote }}\ndata:\n"
        + "  greeting: {{ .Values.greeting | quote }}\n");
    return chart;
  }

  private static ClusterSpec spec(String namespace, HelmChart.Builder chart) {
    return ClusterSpec.builder().name(namespace).kubernetesVersion("1.34").yaml(String.format(OBJECTS, namespace))
        .component(chart.addRequiredBy(ResourceRef.core("ConfigMap", namespace, "after-release")).build()).build();
  }

  private static HelmChart.Builder released(Path chart, String namespace) {
    return HelmChart.directory(chart).release("greeter").namespace(namespace).mode(ReleaseMode.RELEASED);
  }

  private static KubernetesExecutor executor(KubernetesClient client) {
    return KubernetesExecutor.builder(client).timeout(Duration.ofMinutes(2)).build();
  }

  private static List<String> releaseRecords(KubernetesClient client, String namespace) {
    return client.secrets().inNamespace(namespace).withLabel("owner", "helm").list().getItems().stream()
        .map(Secret::getMetadata).map(m -> m.getName() + "@" + m.getResourceVersion()).sorted()
        .collect(Collectors.toList());
  }

  @Test
  void aReleasedChartIsInstalledReappliedWithoutWritesAndUpgradedOnlyWhenItsValuesChange(KubernetesClient client) {
    String namespace = "helm-step";
    Path chart = greeter();
    HelmReleases helm = HelmReleases.forKubeconfig(LocalControlPlane.shared().kubeconfig());
    Plan plan = spec(namespace, released(chart, namespace)).plan();

    assertThat(plan.summary()).contains("3 resources and 1 step in 3 waves\n")
        .contains("\nwave 1 runs helm release helm-step/greeter chart greeter 1.0.0: install or upgrade\n");
    assertThat(plan.find(ResourceRef.core("ConfigMap", namespace, "after-release")).orElseThrow().wave())
        .isEqualTo(2);
    DiffReport beforeInstall = executor(client).diff(plan);
    assertThat(beforeInstall.steps()).extracting(StepDiff::action).containsExactly(ResourceDiff.Action.CREATE);
    assertThat(beforeInstall.steps().get(0).details())
        .containsExactly("install revision 1", "+ ConfigMap helm-step/greeter");

    ApplyReport installed = executor(client).apply(plan);

    assertThat(installed.isSuccess()).as(installed.toText()).isTrue();
    assertThat(installed.steps()).extracting(StepResult::toString)
        .containsExactly("created step helm-release helm-step/greeter: installed revision 1");
    assertThat(helm.list(namespace)).extracting(HelmRelease::toString)
        .containsExactly("greeter (helm-step) revision 1 deployed greeter-1.0.0");
    assertThat(helm.history("greeter", namespace)).hasSize(1);

    List<String> recordsBefore = releaseRecords(client, namespace);
    String configMapVersion = client.configMaps().inNamespace(namespace).withName("greeter").get().getMetadata()
        .getResourceVersion();
    WriteCounter counter = WriteCounter.create();
    ApplyReport again;
    try (KubernetesClient counting = counter.countingClient(client)) {
      again = executor(counting).apply(spec(namespace, released(chart, namespace)).plan());
    }

    assertThat(again.isSuccess()).as(again.toText()).isTrue();
    assertThat(again.steps()).extracting(StepResult::toString)
        .containsExactly("unchanged step helm-release helm-step/greeter: revision 1 is as planned");
    assertThat(counter.count()).as(counter.writes().toString()).isZero();
    assertThat(again.changeCount()).isZero();
    assertThat(releaseRecords(client, namespace)).isEqualTo(recordsBefore);
    assertThat(client.configMaps().inNamespace(namespace).withName("greeter").get().getMetadata()
        .getResourceVersion()).isEqualTo(configMapVersion);

    Plan changed = spec(namespace, released(chart, namespace).setSecret("greeting", SECRET_GREETING)).plan();
    DiffReport diff = executor(client).diff(changed);

    assertThat(diff.toText()).isEqualTo("0 to create, 0 to update, 3 unchanged\n"
        + "update step helm-release helm-step/greeter\n    upgrade revision 1\n    values changed\n"
        + "    ~ ConfigMap helm-step/greeter\n");
    assertThat(diff.toJson().toString()).doesNotContain(SECRET_GREETING);
    assertThat(changed.summary()).doesNotContain(SECRET_GREETING);

    ApplyReport dryRun = executor(client).apply(changed, ApplyOptions.builder().dryRun(true).build());

    assertThat(dryRun.steps()).extracting(StepResult::toString)
        .containsExactly("updated step helm-release helm-step/greeter: would upgrade revision 1 (values changed)");
    assertThat(helm.history("greeter", namespace)).hasSize(1);

    counter.reset();
    ApplyReport upgraded;
    try (KubernetesClient counting = counter.countingClient(client)) {
      upgraded = executor(counting).apply(changed);
    }

    assertThat(upgraded.isSuccess()).as(upgraded.toText()).isTrue();
    assertThat(upgraded.steps()).extracting(StepResult::toString)
        .containsExactly("updated step helm-release helm-step/greeter: upgraded to revision 2 (values changed)");
    assertThat(upgraded.changeCount()).isEqualTo(1);
    assertThat(counter.count()).as("the executor writes none of the unchanged objects").isZero();
    assertThat(upgraded.toText()).doesNotContain(SECRET_GREETING);
    assertThat(helm.history("greeter", namespace)).extracting(HelmRelease::toString).containsExactly(
        "greeter (helm-step) revision 1 superseded greeter-1.0.0",
        "greeter (helm-step) revision 2 deployed greeter-1.0.0");
    assertThat(client.configMaps().inNamespace(namespace).withName("greeter").get().getData())
        .containsEntry("greeting", SECRET_GREETING);
  }

  @Test
  void aFailedReleaseFailsItsWaveWithoutRevealingASecretValue(KubernetesClient client) {
    String namespace = "helm-step-failing";
    String secret = "not a label value: " + SECRET_GREETING;

    ApplyReport report = executor(client).apply(spec(namespace,
        released(greeter(), namespace).setSecret("greeting", secret)).plan());

    assertThat(report.isSuccess()).isFalse();
    assertThat(report.steps()).hasSize(1);
    assertThat(report.steps().get(0).message().orElseThrow()).contains("<redacted>").doesNotContain(secret)
        .doesNotContain(SECRET_GREETING);
    assertThat(report.results()).filteredOn(r -> r.ref().name().equals("after-release"))
        .extracting(r -> r.outcome().name()).containsExactly("NOT_ATTEMPTED");
    assertThat(report.toText()).doesNotContain(SECRET_GREETING);
  }
}
