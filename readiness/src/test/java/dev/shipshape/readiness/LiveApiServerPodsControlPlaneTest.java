package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Readiness of a real API server (1.34) that shows API server pods in {@code kube-system}, as kubeadm's static
 * pods appear (created by the test; the local control plane runs no kubelet, so they stay pending): their flags
 * decide the audit-logging and etcd-encryption findings.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LiveApiServerPodsControlPlaneTest {
  private static final String IMAGE = "registry.k8s.io/kube-apiserver:v1.34.2";
  private static final String POLICY = "--audit-policy-file=/etc/kubernetes/audit/policy.yaml";
  private static final String LOG = "--audit-log-path=/var/log/kubernetes/audit/audit.log";

  private static Pod apiServer(String name, String... flags) {
    List<String> command = new ArrayList<>(List.of("kube-apiserver", "--advertise-address=10.0.0.10",
        "--etcd-servers=https://127.0.0.1:2379"));
    command.addAll(List.of(flags));
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
        .addToLabels("component", "kube-apiserver").addToLabels("tier", "control-plane").endMetadata()
        .withNewSpec().withAutomountServiceAccountToken(false).addNewContainer().withName("kube-apiserver")
        .withImage(IMAGE).withCommand(command).endContainer().endSpec().build();
  }

  private static List<String> lines(ReadinessReport report, String rule) {
    return report.findings().findings(rule).stream().map(Finding::toString).collect(Collectors.toList());
  }

  /** The policy file is on the nodes: that its rules are not judged is said under the pitfall, once per file. */
  private static final String UNSEEN = "INFO audit-policy-coverage Pod kube-system/kube-apiserver-cis"
      + " spec.containers[0].command: reads its audit policy from /etc/kubernetes/audit/policy.yaml on its node (as"
      + " do Pod kube-system/kube-apiserver-short, Pod kube-system/kube-apiserver-webhook), which the API does not"
      + " show: whether it logs reads and changes of Secrets, changes to RBAC and exec into pods is not checked —"
      + " check the spec whose AuditPolicy the file is written from (ProductionReadiness.check(spec) judges its"
      + " rules), or compare the file with AuditPolicy.recommended().toYaml()";

  @Test
  void theApiServersFlagsShowItsAuditLogAndEncryption(KubernetesClient client) {
    // The pods' admission needs kube-system's default ServiceAccount, which the controller manager creates.
    client.serviceAccounts().inNamespace("kube-system").withName("default")
        .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    List<Pod> pods = List.of(
        apiServer("kube-apiserver-bare"),
        apiServer("kube-apiserver-no-backend", POLICY, "--encryption-provider-config=/etc/kubernetes/enc.yaml"),
        apiServer("kube-apiserver-short", POLICY, LOG, "--audit-log-maxage=7", "--audit-log-maxsize=200"),
        apiServer("kube-apiserver-webhook", "--audit-policy-file", "/etc/kubernetes/audit/policy.yaml",
            "--audit-webhook-config-file=/etc/kubernetes/audit/webhook.kubeconfig"),
        apiServer("kube-apiserver-cis", POLICY, LOG, "--audit-log-maxage=30", "--audit-log-maxbackup=10",
            "--audit-log-maxsize=100"));
    try {
      pods.forEach(p -> client.resource(p).create());
      ReadinessReport report = ProductionReadiness.builder().build().checkLive(client);

      String pod = "HIGH audit-logging Pod kube-system/";
      assertThat(lines(report, "audit-logging")).containsExactly(
          pod + "kube-apiserver-bare spec.containers[0].command: runs without --audit-policy-file: the API server"
              + " logs no request — " + AuditLogCheck.RULE.remediation(),
          pod + "kube-apiserver-no-backend spec.containers[0].command: runs with --audit-policy-file but without"
              + " --audit-log-path or --audit-webhook-config-file: no backend receives the audit events — "
              + AuditLogCheck.RULE.remediation(),
          "MEDIUM audit-logging Pod kube-system/kube-apiserver-short spec.containers[0].command: rotates its audit"
              + " log file outside what CIS 1.2.17 to 1.2.19 ask for (--audit-log-maxage=30,"
              + " --audit-log-maxbackup=10, --audit-log-maxsize=100 or more; maxsize unset means 100):"
              + " --audit-log-maxage=7, --audit-log-maxbackup is unset, so every rotated file is kept — set"
              + " --audit-log-maxage=30, --audit-log-maxbackup=10,"
              + " --audit-log-maxsize=100 (or more), with room for them on the log's volume");
      assertThat(lines(report, "audit-policy-coverage")).containsExactly(UNSEEN);
      assertThat(report.score(Pitfall.AUDIT_LOGS).checked()).isEqualTo(5);
      assertThat(lines(report, "etcd-encryption")).extracting(l -> l.substring(0, l.indexOf(':')))
          .containsExactly("HIGH etcd-encryption Pod kube-system/kube-apiserver-bare spec.containers[0].command",
              "HIGH etcd-encryption Pod kube-system/kube-apiserver-cis spec.containers[0].command",
              "HIGH etcd-encryption Pod kube-system/kube-apiserver-short spec.containers[0].command",
              "HIGH etcd-encryption Pod kube-system/kube-apiserver-webhook spec.containers[0].command");
      assertThat(report.findings().notes()).noneMatch(n -> n.contains(" skipped: no kube-apiserver pod"));
    } finally {
      // Pods bound to no node are removed at once, so the other tests see no API server pod.
      pods.forEach(p -> client.resource(p).withGracePeriod(0).delete());
    }
  }
}
