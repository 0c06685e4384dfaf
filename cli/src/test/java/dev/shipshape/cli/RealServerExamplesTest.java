package dev.shipshape.cli;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example spec on a real API server: {@code shipshape apply} succeeds, a second apply sends zero write
 * requests (counted on the wire) and reports everything unchanged, and {@code shipshape diff} then exits 0.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class RealServerExamplesTest {

  @TempDir
  Path home;

  @Test
  void minimal(KubernetesClient client) {
    appliesIdempotentlyAndDiffsClean(client, "minimal.jsh");
  }

  @Test
  void staticYaml(KubernetesClient client) {
    appliesIdempotentlyAndDiffsClean(client, "static-yaml.jsh");
  }

  @Test
  void production(KubernetesClient client) throws IOException {
    // What the production example declares pre-existing: the ingress controller's, Velero's and Prometheus'
    // namespaces, Prometheus' ServiceAccount, and the CRDs of Velero, the Prometheus Operator, the CSI snapshot
    // controller and Istio (read from the shared reference folder; the API server validates the custom resources
    // against their schemas).
    for (String folder : List.of("velero", "monitoring", "snapshot", "istio")) {
      installCrds(client, sharedDir().resolve("k8s-reference/crds/" + folder));
    }
    TestNamespaces.create(client, "ingress-nginx", "velero", "monitoring");
    client.serviceAccounts().inNamespace("monitoring").resource(new ServiceAccountBuilder().withNewMetadata()
        .withName("prometheus-k8s").endMetadata().build()).serverSideApply();
    appliesIdempotentlyAndDiffsClean(client, "production.jsh");
    assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace("shop")
        .withName("web").get()).isNotNull();
    assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inNamespace("monitoring").withName("shipshape-alerts").get()).isNotNull();
  }

  static void installCrds(KubernetesClient client, Path crds) {
    assumeTrue(Files.isDirectory(crds), "no CRDs at " + crds);
    CustomResourceDefinitions.install(client, crds);
  }

  private void appliesIdempotentlyAndDiffsClean(KubernetesClient client, String example) {
    TestNamespaces.awaitNoneTerminating(client, Duration.ofSeconds(90));
    Path script = ExamplesTest.example(example);
    String kubeconfig = LocalControlPlane.shared().kubeconfig().toString();
    CliRunner cli = CliRunner.isolated(home);

    CliRunner.Result applied = cli.run("apply", "--kubeconfig", kubeconfig, "--progress", "plain",
        script.toString());
    assertThat(applied.exitCode).as(applied.toString()).isZero();

    ClusterSpec spec = ScriptEvaluator.create().evaluate(script);
    assertThat(spec).withExecutor(executor -> executor.strategy(ApplyStrategy.SERVER_SIDE)).isIdempotent(client);

    CliRunner.Result diff = cli.run("diff", "--kubeconfig", kubeconfig, script.toString());
    assertThat(diff.exitCode).as(diff.toString()).isZero();
  }

  static Path sharedDir() {
    String dir = System.getProperty("shipshape.shared.dir");
    assumeTrue(dir != null, "shipshape.shared.dir is not set");
    return Path.of(dir);
  }
}
