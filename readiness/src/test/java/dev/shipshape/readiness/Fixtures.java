package dev.shipshape.readiness;

import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.etcd.EncryptionConfiguration;
import dev.shipshape.security.etcd.EncryptionProvider;
import java.util.List;
import java.util.stream.Collectors;

/** Specs for readiness tests: one that passes every rule, and its parts to vary one at a time. */
final class Fixtures {
  static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

  static final String WEB = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
      + "spec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
      + "      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n"
      + "        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n"
      + "        labelSelector:\n          matchLabels:\n            app: web\n      containers:\n"
      + "      - name: web\n        image: ghcr.io/example/web:1.0@sha256:" + "a".repeat(64) + "\n"
      + "        ports:\n        - name: http\n          containerPort: 8080\n"
      + "        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n"
      + "          limits:\n            cpu: 500m\n            memory: 256Mi\n"
      + "        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n"
      + "        livenessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n";

  static final String BUDGET = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n"
      + "  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n";

  static final String CLAIM = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n"
      + "  namespace: shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n"
      + "      storage: 1Gi\n";

  /** An alert over every Deployment of namespace shop, as the monitoring module writes them. */
  static final String ALERTS = "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n"
      + "  name: alerts\n  namespace: shop\nspec:\n  groups:\n  - name: workloads\n    rules:\n"
      + "    - alert: DeploymentUnavailable\n"
      + "      expr: kube_deployment_status_replicas_available{namespace=\"shop\",deployment=~\"web|api\"}"
      + " < kube_deployment_spec_replicas{namespace=\"shop\",deployment=~\"web|api\"}\n";

  private Fixtures() {}

  static NetworkPolicySet isolation() {
    return NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns();
  }

  static BackupStorageLocation offClusterLocation() {
    return BackupStorageLocation.builder().name("primary").bucket("backups").region("eu-west-1")
        .s3Url("https://s3.backup.example.com").defaultLocation(true).build();
  }

  static VeleroSchedule schedule() {
    return VeleroSchedule.daily("shop-daily").namespaces("shop").storageLocation("primary").build();
  }

  static EncryptionConfiguration encryption() {
    return EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.kmsV2("kms", "unix:///var/run/kms.sock"),
            EncryptionProvider.identity())
        .build();
  }

  /** A spec that passes every readiness rule. */
  static ClusterSpec.Builder ready() {
    return ready(WEB);
  }

  /** The ready spec with another Deployment {@code web}. */
  static ClusterSpec.Builder ready(String web) {
    return bare(web).component(isolation(), offClusterLocation(), schedule(), encryption(),
        AuditPolicy.recommended());
  }

  /** The ready spec without its AuditPolicy. */
  static ClusterSpec.Builder withoutAuditPolicy() {
    return bare(WEB).component(isolation(), offClusterLocation(), schedule(), encryption());
  }

  /** The ready spec's objects, with another Deployment {@code web}, and no component. */
  static ClusterSpec.Builder bare(String web) {
    return ClusterSpec.builder().name("ready").kubernetesVersion("1.34").preExistingCrd(Velero.CRDS)
        .preExistingNamespace("velero").yaml(NAMESPACE).yaml(web).yaml(BUDGET).yaml(CLAIM).yaml(ALERTS);
  }

  /** Ten Services of 100 ports each: 1,000 service ports, where the advisor leaves iptables. */
  static ClusterSpec.Builder manyServices(ClusterSpec.Builder spec) {
    for (int s = 0; s < 10; s++) {
      StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-" + s
          + "\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n");
      for (int p = 0; p < 100; p++) yaml.append("  - name: p").append(p).append("\n    port: ")
          .append(1000 + p).append('\n');
      spec.yaml(yaml.toString());
    }
    return spec;
  }

  static ReadinessReport check(ClusterSpec spec) {
    return ProductionReadiness.builder().build().check(spec);
  }

  /** The findings of one rule, as their one-line texts. */
  static List<String> lines(ReadinessReport report, String ruleId) {
    return report.findings().findings(ruleId).stream().map(Finding::toString).collect(Collectors.toList());
  }

  /** Findings of severity LOW or worse. */
  static List<String> gaps(ReadinessReport report) {
    return report.findings().findings().stream().filter(f -> f.severity().isAtLeast(Severity.LOW))
        .map(Finding::toString).collect(Collectors.toList());
  }
}
