package dev.shipshape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production example, monitoring included, applied on a real kube-apiserver that has the Velero and Prometheus
 * Operator CRDs installed (from the shared reference data), as a cluster running both would: the API server
 * validates every custom resource against the CRDs' schemas.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ProductionOnControlPlaneTest {
  private static final Path PRODUCTION = Paths.get(System.getProperty("user.dir")).resolve("specs")
      .resolve("production.jsh");

  @Test
  void productionWithMonitoringAppliesWithTheOperatorCrdsInstalled(KubernetesClient client) throws IOException {
    Path crds = SharedData.require("k8s-reference/crds");
    for (String operator : List.of("velero", "monitoring")) installCrds(client, crds.resolve(operator));
    for (String ns : List.of("ingress-nginx", "velero", "monitoring")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .createOr(r -> r.update());
    }
    client.serviceAccounts().inNamespace("monitoring").resource(new ServiceAccountBuilder().withNewMetadata()
        .withName("prometheus-k8s").endMetadata().build()).createOr(r -> r.update());
    ClusterSpec spec = ScriptEvaluator.create().evaluate(PRODUCTION);

    ApplyReport report = KubernetesExecutor.using(client).apply(spec.plan());

    assertThat(report.failed()).as(report.toText()).isEmpty();
    GenericKubernetesResource rules = client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
        .inNamespace("monitoring").withName("shipshape-alerts").get();
    assertThat(Manifests.toTree(rules).at("/spec/groups").findValuesAsText("name")).containsExactly(
        "shipshape.workloads", "shipshape.backup", "shipshape.kube-proxy", "shipshape.control-plane");
    for (String tenant : List.of("shop", "payments")) {
      assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace(tenant)
          .withName("web").get()).isNotNull();
      assertThat(client.network().networkPolicies().inNamespace(tenant).withName("allow-prometheus-web").get())
          .isNotNull();
    }
  }

  private static void installCrds(KubernetesClient client, Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        for (HasMetadata crd : Manifests.read(file)) {
          client.resource(crd).forceConflicts().serverSideApply();
          client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
              .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                  && c.getStatus().getConditions().stream()
                      .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")),
                  60, TimeUnit.SECONDS);
        }
      }
    }
  }
}
