package dev.shipshape.monitoring;

import dev.shipshape.backup.BackupCredentials;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.TestManifests;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A shop with a web Deployment behind a Service with a metrics port, a worker with a metrics container port and no
 * Service, a database StatefulSet with a claim template, a claim, default-deny NetworkPolicies, a daily Velero
 * schedule and kube-proxy's configuration; the Prometheus Operator's CRDs declared pre-existing.
 */
final class Fixtures {
  private Fixtures() {}

  static ClusterSpec.Builder shop() {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").kubernetesVersion("1.33")
        .resource(TestManifests.namespace("shop"), TestManifests.namespace("velero"),
            TestManifests.namespace("monitoring"))
        .resource(web(), webService(), worker(), database(), claim("shop", "uploads"))
        .resource(new ServiceAccountBuilder().withNewMetadata().withName("prometheus-k8s").withNamespace("monitoring")
            .endMetadata().build())
        .component(NetworkPolicySet.forNamespaces("shop").named("shop-network").defaultDenyAll().allowDns())
        .component(BackupStorageLocation.builder().name("primary").bucket("backups").region("us-east-1")
            .s3Url("https://s3.example.com").credential("cloud-credentials", "cloud").defaultLocation(true).build(),
            BackupCredentials.builder().accessKeyId("AKIAEXAMPLEKEY").secretAccessKey("s3cr3t-value").build(),
            VeleroSchedule.daily("shop-daily").namespaces("shop").storageLocation("primary").build())
        .component(KubeProxyConfig.builder().build());
    for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
      spec.preExistingResource(MonitoringChecks.requiredCrd(kind).orElseThrow().ref());
    }
    for (String plural : List.of("schedules", "backupstoragelocations")) {
      spec.preExistingResource(ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition",
          plural + ".velero.io"));
    }
    return spec;
  }

  static HasMetadata web() {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("example/web:1")
            .addNewPort().withName("http").withContainerPort(8080).endPort()
            .addNewPort().withName("metrics").withContainerPort(9090).endPort()
            .withNewResources().addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("512Mi"))
            .endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  static HasMetadata webService() {
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web")
        .endMetadata().withNewSpec().addToSelector("app", "web")
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .addNewPort().withName("metrics").withPort(9090).withTargetPort(new IntOrString("metrics")).endPort()
        .endSpec().build();
  }

  static HasMetadata worker() {
    return new DeploymentBuilder().withNewMetadata().withName("worker").withNamespace("shop").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "worker").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "worker").endMetadata().withNewSpec()
        .addNewContainer().withName("worker").withImage("example/worker:1")
            .addNewPort().withName("metrics").withContainerPort(9100).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  static HasMetadata database() {
    return new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .withNewSpec().withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
        .addNewContainer().withName("db").withImage("example/db:1").endContainer().endSpec().endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
            .addToAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("10Gi"))
            .endResources().endSpec().endVolumeClaimTemplate()
        .endSpec().build();
  }

  static HasMetadata claim(String ns, String name) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().addToAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build();
  }

  /** The monitored shop spec with default settings. */
  static ClusterSpec monitoredShop() {
    return Monitoring.builder().build().addTo(shop().build());
  }

  static List<HasMetadata> objectsOf(Plan plan, String component) {
    return plan.resources().stream().filter(r -> r.component().equals(component))
        .map(PlannedResource::object).collect(Collectors.toList());
  }

  /** Every problem of the spec: the errors and warnings of its exception, or the warnings of its plan. */
  static List<String> problems(ClusterSpec spec) {
    try {
      return spec.plan().warnings().stream().map(Problem::toString).collect(Collectors.toList());
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }
}
