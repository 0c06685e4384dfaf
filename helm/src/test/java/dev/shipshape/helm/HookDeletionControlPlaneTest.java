package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hook delete policies acted on by the executor, on a real API server with its controllers (no nodes). */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class HookDeletionControlPlaneTest {
  private static final String NAMESPACE = "helm-hook-deletion";

  @TempDir Path dir;

  /**
   * A pre-install Job deleted once it succeeded (it has no Pod to run: {@code completions: 0} completes at once),
   * a post-install ConfigMap without a policy (so before-hook-creation, as in Helm), and a Job that cannot complete
   * here (no node runs its Pod), deleted when it failed.
   */
  private Path chart(boolean withFailingHook) {
    Path chart = dir.resolve("hooks");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hooks\nversion: 1.0.0\n");
    TestCharts.write(chart.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: {{ .Release.Name }}-config\ndata:\n  a: b\n");
    TestCharts.write(chart.resolve("templates/migrate.yaml"), job("migrate", "pre-install,pre-upgrade",
        "hook-succeeded", 0));
    TestCharts.write(chart.resolve("templates/notify.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: {{ .Release.Name }}-notify\n  annotations:\n    helm.sh/hook: post-install,post-upgrade\n"
        + "data:\n  event: installed\n");
    if (withFailingHook) {
      TestCharts.write(chart.resolve("templates/stuck.yaml"), job("stuck", "post-install", "hook-failed", 1));
    }
    return chart;
  }

  private static String job(String name, String hook, String policy, int completions) {
    return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-" + name + "\n  annotations:\n"
        + "    helm.sh/hook: " + hook + "\n    helm.sh/hook-delete-policy: " + policy + "\nspec:\n"
        + "  completions: " + completions + "\n  template:\n    spec:\n      restartPolicy: Never\n"
        + "      containers:\n      - name: run\n        image: busybox:1.36\n        command: [\"true\"]\n";
  }

  private static Plan plan(Path chart, String namespace) {
    return ClusterSpec.builder().name(namespace)
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n")
        .component(HelmChart.directory(chart).release("app").namespace(namespace).build()).build().plan();
  }

  private static ResourceResult result(ApplyReport report, String name) {
    return report.results().stream().filter(r -> r.ref().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSucceededHookIsDeletedAndAHookWithoutPolicyIsCreatedAfreshOnEveryApply(KubernetesClient client) {
    Plan plan = plan(chart(false), NAMESPACE);
    assertThat(plan.summary()).contains("Job.batch " + NAMESPACE + "/app-migrate deleted after success")
        .contains("ConfigMap " + NAMESPACE + "/app-notify deleted before creation");
    KubernetesExecutor executor = KubernetesExecutor.using(client);

    ApplyReport first = executor.apply(plan);
    String firstUid = client.configMaps().inNamespace(NAMESPACE).withName("app-notify").get().getMetadata().getUid();
    ApplyReport second = executor.apply(plan);

    assertThat(first.isSuccess()).as(first.toString()).isTrue();
    assertThat(second.isSuccess()).as(second.toString()).isTrue();
    assertThat(result(first, "app-migrate").message())
        .contains("created, ready, then deleted (delete policy after success)");
    assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withName("app-migrate").get()).isNull();
    assertThat(result(second, "app-notify").outcome()).isEqualTo(Outcome.CREATED);
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("app-notify").get().getMetadata().getUid())
        .isNotEqualTo(firstUid);
    assertThat(result(second, "app-config").outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void aHookThatFailsIsDeletedAndFailsTheApply(KubernetesClient client) {
    String namespace = NAMESPACE + "-failed";
    ApplyReport report = KubernetesExecutor.builder(client).timeout(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(200)).build().apply(plan(chart(true), namespace));

    ResourceResult stuck = result(report, "app-stuck");
    assertThat(stuck.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(stuck.message()).hasValueSatisfying(m -> assertThat(m).startsWith("created, but timed out after 2s "
        + "waiting for Job.batch " + namespace + "/app-stuck").endsWith("; deleted (delete policy after failure)"));
    assertThat(client.batch().v1().jobs().inNamespace(namespace).withName("app-stuck").get()).isNull();
  }
}
