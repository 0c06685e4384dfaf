package dev.shipshape.helm;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts on a real API server: rendered mode through the executor, released mode through Helm itself. */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class HelmControlPlaneTest {
  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n";

  @TempDir Path dir;

  private static ClusterSpec spec(Path chart, int replicas) {
    return ClusterSpec.builder().name("helm-rendered").yaml(String.format(NAMESPACE, "helm-rendered"))
        .component(HelmChart.directory(chart).release("web").namespace("helm-rendered")
            .set("replicaCount", replicas).build())
        .build();
  }

  @Test
  void aRenderedChartAppliesReappliesWithoutWritesAndAnUpgradeWritesOnlyWhatChanged(KubernetesClient client) {
    Path chart = TestCharts.starter(dir);
    assertThat(spec(chart, 1)).isIdempotent(client);

    WriteCounter counter = WriteCounter.create();
    ApplyReport upgrade;
    try (KubernetesClient counting = counter.countingClient(client)) {
      upgrade = KubernetesExecutor.using(counting).apply(spec(chart, 2).plan());
    }

    assertThat(upgrade.isSuccess()).isTrue();
    assertThat(upgrade.withOutcome(Outcome.UPDATED)).extracting(r -> r.ref().toString())
        .containsExactly("Deployment.apps helm-rendered/web");
    assertThat(counter.count()).isEqualTo(1);
    assertThat(client.apps().deployments().inNamespace("helm-rendered").withName("web").get().getSpec()
        .getReplicas()).isEqualTo(2);
  }

  /** A chart with one ConfigMap holding {@code .Values.greeting}. */
  private static Path greeter(Path parent, String values) {
    Path chart = parent.resolve("greeter");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: greeter\nversion: 1.0.0\n");
    TestCharts.write(chart.resolve("values.yaml"), values);
    TestCharts.write(chart.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
    return chart;
  }

  @Test
  void aReleasedChartIsInstalledAndUpgradedAsAReleaseThatHelmLists(KubernetesClient client) {
    Path chart = greeter(dir, "greeting: hello\n");
    TestNamespaces.create(client, "helm-released");
    HelmReleases helm = HelmReleases.forKubeconfig(LocalControlPlane.shared().kubeconfig());
    HelmChart.Builder greeter = HelmChart.directory(chart).release("greeter").namespace("helm-released")
        .mode(ReleaseMode.RELEASED);

    HelmRelease installed = helm.installOrUpgrade(greeter.build(), Duration.ofMinutes(1));
    HelmRelease upgraded = helm.installOrUpgrade(greeter.set("greeting", "bye").build(), Duration.ofMinutes(1));

    assertThat(installed.revision()).isEqualTo(1);
    assertThat(upgraded.revision()).isEqualTo(2);
    assertThat(helm.list("helm-released")).extracting(HelmRelease::toString)
        .containsExactly("greeter (helm-released) revision 2 deployed greeter-1.0.0");
    assertThat(client.configMaps().inNamespace("helm-released").withName("greeter").get().getData())
        .containsEntry("greeting", "bye");
    assertThat(greeter.build().compile(null)).isEmpty();
  }

  @Test
  void aReleasedChartShowsWhatAnUpgradeChangesListsItsHistoryAndRollsBack(KubernetesClient client) {
    Path chart = greeter(dir, "greeting: hello\nextra: false\n");
    TestCharts.write(chart.resolve("templates/extra.yaml"), "{{- if .Values.extra }}\napiVersion: v1\n"
        + "kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\n{{- end }}\n");
    String namespace = "helm-rollback";
    TestNamespaces.create(client, namespace);
    HelmReleases helm = HelmReleases.forKubeconfig(LocalControlPlane.shared().kubeconfig());
    HelmChart.Builder greeter = HelmChart.directory(chart).release("greeter").namespace(namespace)
        .mode(ReleaseMode.RELEASED);

    HelmChart first = greeter.build();
    ReleaseDiff beforeInstall = helm.diff(first);
    helm.installOrUpgrade(first, Duration.ZERO);
    ReleaseDiff same = helm.diff(first);
    HelmChart upgrade = greeter.set("greeting", "bye").set("extra", true).build();
    ReleaseDiff changes = helm.diff(upgrade);
    helm.installOrUpgrade(upgrade, Duration.ZERO);
    HelmRelease rolledBack = helm.rollback("greeter", namespace, 1, Duration.ofMinutes(1));

    assertThat(beforeInstall.toText()).isEqualTo("release helm-rollback/greeter (not installed)\n"
        + "+ ConfigMap helm-rollback/greeter\n1 to add, 0 to change, 0 to remove, 0 unchanged\n");
    assertThat(same.isEmpty()).as(same.toText()).isTrue();
    assertThat(changes.toText()).isEqualTo("release helm-rollback/greeter (revision 1)\n"
        + "+ ConfigMap helm-rollback/greeter-extra\n~ ConfigMap helm-rollback/greeter\n"
        + "1 to add, 1 to change, 0 to remove, 0 unchanged\n");
    assertThat(changes.toText()).doesNotContain("bye");
    assertThat(rolledBack.revision()).isEqualTo(3);
    assertThat(helm.history("greeter", namespace)).extracting(HelmRelease::toString).containsExactly(
        "greeter (helm-rollback) revision 1 superseded greeter-1.0.0",
        "greeter (helm-rollback) revision 2 superseded greeter-1.0.0",
        "greeter (helm-rollback) revision 3 deployed greeter-1.0.0");
    assertThat(helm.list(namespace)).extracting(HelmRelease::revision).containsExactly(3);
    assertThat(client.configMaps().inNamespace(namespace).withName("greeter").get().getData())
        .containsEntry("greeting", "hello");
    assertThat(client.configMaps().inNamespace(namespace).withName("greeter-extra").get()).isNull();
    ReleaseDiff afterRollback = helm.diff(first);
    assertThat(afterRollback.isEmpty()).as(afterRollback.toText()).isTrue();
  }

  @Test
  void aDeployedClusterScopedCustomObjectIsUnchangedInTheDiff(KubernetesClient client) {
    Path chart = greeter(dir, "greeting: hello\n");
    TestCharts.write(chart.resolve("crds/gadgets.yaml"), "apiVersion: apiextensions.k8s.io/v1\n"
        + "kind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\nspec:\n  group: example.com\n"
        + "  scope: Cluster\n  names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList}\n"
        + "  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
        + "      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n");
    TestCharts.write(chart.resolve("templates/gadget.yaml"), "apiVersion: example.com/v1\nkind: Gadget\n"
        + "metadata:\n  name: {{ .Release.Name }}-gadget\n");
    TestNamespaces.create(client, "helm-scoped");
    HelmReleases helm = HelmReleases.forKubeconfig(LocalControlPlane.shared().kubeconfig());
    HelmChart gadgets = HelmChart.directory(chart).release("gadgets").namespace("helm-scoped")
        .mode(ReleaseMode.RELEASED).build();

    helm.installOrUpgrade(gadgets, Duration.ZERO);
    ReleaseDiff same = helm.diff(gadgets);

    assertThat(same.isEmpty()).as(same.toText()).isTrue();
  }

  @Test
  void aRevisionTheReleaseDoesNotHaveCannotBeRolledBackTo() {
    HelmReleases helm = HelmReleases.forKubeconfig(LocalControlPlane.shared().kubeconfig());

    assertThatThrownBy(() -> helm.rollback("nothing", "default", 4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("release default/nothing has no revision 4 (helm history lists the revisions)");
  }
}
