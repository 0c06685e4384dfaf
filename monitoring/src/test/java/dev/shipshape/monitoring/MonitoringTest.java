package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.testing.KubernetesSchemas;
import dev.shipshape.core.testing.TestManifests;
import dev.shipshape.networking.policy.NetworkPolicySet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MonitoringTest {

  private static List<String> refs(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/"
        + o.getMetadata().getName()).sorted().collect(Collectors.toList());
  }

  private static List<String> groups(Plan plan) {
    return Fixtures.objectsOf(plan, "monitoring").stream().filter(o -> o.getKind().equals("PrometheusRule"))
        .flatMap(o -> Manifests.toTree(o).path("spec").path("groups").findValuesAsText("name").stream())
        .collect(Collectors.toList());
  }

  @Test
  void derivesMonitorsAccessAndRulesFromTheSpec() {
    Plan plan = Fixtures.monitoredShop().plan();
    assertThat(refs(Fixtures.objectsOf(plan, "monitoring"))).containsExactly(
        "NetworkPolicy shop/allow-prometheus-web",
        "NetworkPolicy shop/allow-prometheus-worker",
        "PodMonitor shop/worker",
        "PrometheusRule monitoring/shipshape-alerts",
        "Role shop/prometheus-scrape",
        "RoleBinding shop/prometheus-scrape",
        "ServiceMonitor shop/web");
    assertThat(groups(plan)).containsExactly("shipshape.workloads", "shipshape.storage", "shipshape.backup",
        "shipshape.kube-proxy", "shipshape.control-plane");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void monitorsSelectTheServiceAndPodsOnTheirMetricsPorts() {
    List<HasMetadata> objects = Fixtures.objectsOf(Fixtures.monitoredShop().plan(), "monitoring");
    String yaml = Manifests.toYaml(objects.stream().filter(o -> o.getKind().endsWith("Monitor")).toList());
    assertThat(yaml).isEqualTo("---\napiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n"
        + "  name: worker\n  namespace: shop\nspec:\n  podMetricsEndpoints:\n  - port: metrics\n  selector:\n"
        + "    matchLabels:\n      app: worker\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
        + "metadata:\n  name: web\n  namespace: shop\nspec:\n  endpoints:\n  - port: metrics\n  selector:\n"
        + "    matchLabels:\n      app: web\n");
  }

  @Test
  void noNetworkPolicyWhereNothingBlocksTheScrape() {
    ClusterSpec spec = Fixtures.shop().components(Fixtures.shop().build().components().stream()
        .filter(c -> !c.name().equals("shop-network")).toList()).build();
    List<HasMetadata> objects = Fixtures.objectsOf(Monitoring.builder().build().addTo(spec).plan(), "monitoring");
    assertThat(refs(objects)).noneMatch(r -> r.startsWith("NetworkPolicy"));
  }

  @Test
  void egressIsOpenedWhenPrometheusOwnNamespaceDeniesIt() {
    ClusterSpec spec = Fixtures.shop()
        .component(NetworkPolicySet.forNamespaces("monitoring").named("monitoring-network").defaultDenyAll()
            .allowDns())
        .build();
    Plan plan = Monitoring.builder().build().addTo(spec).plan();
    assertThat(refs(Fixtures.objectsOf(plan, "monitoring"))).contains(
        "NetworkPolicy monitoring/allow-scrape-shop-web", "NetworkPolicy monitoring/allow-scrape-shop-worker");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void generatesNoRulesForKindsTheSpecLacks() {
    ClusterSpec bare = ClusterSpec.builder().name("bare").resource(TestManifests.namespace("shop"))
        .preExistingNamespace("monitoring").resource(Fixtures.worker()).build();
    Plan plan = Monitoring.builder().controlPlaneAlerts(false).build().addTo(bare).plan();
    assertThat(groups(plan)).containsExactly("shipshape.workloads");
    assertThat(Manifests.toYaml(Fixtures.objectsOf(plan, "monitoring"))).doesNotContain("StatefulSet",
        "persistentvolumeclaim", "velero", "kubeproxy", "CpuThrottled");
    ClusterSpec empty = ClusterSpec.builder().name("empty").resource(TestManifests.namespace("shop")).build();
    assertThat(Fixtures.objectsOf(Monitoring.builder().controlPlaneAlerts(false).build().addTo(empty).plan(),
        "monitoring")).isEmpty();
  }

  @Test
  void thresholdsAndForDurationsCanBeOverridden() {
    ClusterSpec spec = Monitoring.builder().threshold(Alert.PVC_FILLING_UP, 0.25)
        .threshold(Alert.VELERO_BACKUP_MISSING, 600).forDuration(Alert.CONTAINER_CRASH_LOOPING, "5m").build()
        .addTo(Fixtures.shop().build());
    String yaml = RuleFiles.of(spec.plan()).values().iterator().next();
    assertThat(yaml).contains("namespace_persistentvolumeclaim:shipshape_volume_available:ratio < 0.25")
        .contains("}) > 87000")
        .containsPattern("alert: ShipshapeContainerCrashLooping\\n(.*\\n){1,3}    for: 5m");
  }

  @Test
  void builderRejectsBadOverridesWithOneErrorListingEach() {
    assertThatThrownBy(() -> Monitoring.builder().prometheusNamespace("Mon")
        .threshold(Alert.CONTAINER_OOM_KILLED, 1).threshold(Alert.CPU_THROTTLED, -1)
        .forDuration(Alert.PVC_STUCK, "15 minutes").build())
        .isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).problems()).extracting(Object::toString)
            .containsExactlyInAnyOrder(
                "ERROR Monitoring.monitoring.coreos.com monitoring prometheusNamespace: namespace 'Mon' is not a"
                    + " DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or"
                    + " digit) — use a namespace such as 'monitoring'",
                "ERROR Monitoring.monitoring.coreos.com monitoring forDurations.ShipshapePersistentVolumeClaimStuck:"
                    + " '15 minutes' is not a Prometheus duration — use whole numbers with the units y, w, d, h, m,"
                    + " s, ms, largest first, such as '1h30m'",
                "ERROR Monitoring.monitoring.coreos.com monitoring thresholds.ShipshapeContainerOomKilled: alert"
                    + " ShipshapeContainerOomKilled has no threshold (it watches a container restarted after its"
                    + " memory limit killed it) — remove this threshold",
                "ERROR Monitoring.monitoring.coreos.com monitoring thresholds.ShipshapeContainerCpuThrottled:"
                    + " threshold -1.0 is not a finite number of at least 0 — give the share of CFS periods in"
                    + " which a container with a CPU limit was throttled, such as 0.25"));
  }

  @Test
  void compiledObjectsMatchTheKubernetesAndPrometheusOperatorSchemas() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    List<HasMetadata> objects = Fixtures.objectsOf(Fixtures.monitoredShop().plan(), "monitoring");
    for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
      assertThat(schemas.hasSchema("monitoring.coreos.com/v1", kind)).as(kind).isTrue();
    }
    assertThat(schemas.validateAll(objects)).isEmpty();
  }
}
