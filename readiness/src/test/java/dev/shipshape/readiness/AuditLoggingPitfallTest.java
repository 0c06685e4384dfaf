package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The API server's audit log: from a spec's AuditPolicy, on a managed profile, from a plan alone, and what a live
 * cluster's API server pods do not show.
 */
class AuditLoggingPitfallTest {
  private static final String RULE = "audit-logging";

  @Test
  void aSpecWithoutAnAuditPolicyLogsNoRequest() {
    ReadinessReport report = Fixtures.check(Fixtures.withoutAuditPolicy().build());
    assertThat(lines(report, RULE)).containsExactly("HIGH audit-logging: the spec has no AuditPolicy: the API"
        + " server logs no request, so who read a Secret, ran a command in a pod or changed RBAC cannot be traced"
        + " — give the API server an AuditPolicy (security module; AuditPolicy.recommended() to start from) with"
        + " --audit-policy-file, and a backend: --audit-log-path with --audit-log-maxage=30,"
        + " --audit-log-maxbackup=10 and --audit-log-maxsize=100, or --audit-webhook-config-file");
    assertThat(report.findings().findings(RULE)).singleElement().satisfies(f -> assertThat(f.equivalents())
        .containsExactly("cis:1.2.16", "cis:1.2.17", "cis:1.2.18", "cis:1.2.19", "cis:3.2.1", "cis:3.2.2",
            "kubescape:C-0067"));
    PitfallScore score = report.score(Pitfall.AUDIT_LOGS);
    assertThat(score).hasToString("audit-logs 0/100 fail (0 of 1 checks passed; worst high)");
  }

  @Test
  void theRecommendedPolicyClosesTheGap() {
    ReadinessReport report = Fixtures.check(Fixtures.withoutAuditPolicy().component(AuditPolicy.recommended()).build());
    assertThat(lines(report, RULE)).isEmpty();
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 100/100 pass (1 of 1 checks passed)");
  }

  @Test
  void aPolicyWithErrorsIsAGapThatNamesThem() {
    // Planning the spec would refuse such a policy; a plan made without it is checked with the spec's components.
    AuditPolicy broken = AuditPolicy.builder().name("cluster-audit")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz"))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE))
        .build();
    ClusterSpec spec = Fixtures.withoutAuditPolicy().component(broken).build();
    Plan plan = Fixtures.withoutAuditPolicy().build().plan();
    ReadinessReport report = ProductionReadiness.builder().build().check(spec, plan);
    assertThat(lines(report, RULE)).containsExactly("HIGH audit-logging Policy.audit.k8s.io cluster-audit"
        + " rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/', which the API server refuses — write the"
        + " path from its root, such as /healthz");
    AuditPolicy secretBodies = AuditPolicy.builder().rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE)).build();
    ReadinessReport logged = ProductionReadiness.builder().build()
        .check(Fixtures.withoutAuditPolicy().component(secretBodies).build(), plan);
    assertThat(lines(logged, RULE)).singleElement().asString().startsWith("HIGH audit-logging Policy.audit.k8s.io"
        + " audit-policy rules[0].level: RequestResponse writes Secret data or tokens");
  }

  @Test
  void onAManagedProfileTheAuditLogIsTheProvidersSetting() {
    ReadinessReport report = Fixtures.check(Fixtures.withoutAuditPolicy().clusterProfile(ClusterProfile.EKS).build());
    assertThat(lines(report, RULE)).containsExactly("LOW audit-logging: Amazon EKS runs the API server: its audit"
        + " log is the provider's setting, which the spec does not show — "
        + ClusterProfile.EKS.advice(ProviderTopic.AUDIT_LOGS).remediation());
    assertThat(lines(report, RULE).get(0)).endsWith("aws eks update-cluster-config --name <cluster> --logging"
        + " '{\"clusterLogging\":[{\"types\":[\"audit\",\"authenticator\"],\"enabled\":true}]}'"
        + " (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html)");
  }

  @Test
  void anAuditPolicyReachesNoManagedApiServer() {
    ReadinessReport report = Fixtures.check(Fixtures.ready().clusterProfile(ClusterProfile.GKE).build());
    assertThat(lines(report, RULE)).containsExactly("LOW audit-logging Policy.audit.k8s.io audit-policy: the spec"
        + " is for Google GKE, whose API server the provider runs: no API server reads this AuditPolicy, so it has no"
        + " effect there — remove it from the spec; "
        + ClusterProfile.GKE.advice(ProviderTopic.AUDIT_LOGS).remediation());
    assertThat(lines(Fixtures.check(Fixtures.ready().clusterProfile(ClusterProfile.KUBEADM).build()), RULE))
        .isEmpty();
  }

  @Test
  void aPlanWithoutItsSpecCannotShowThePolicy() {
    ReadinessReport report = ProductionReadiness.builder().build().check(Fixtures.ready().build().plan());
    assertThat(lines(report, RULE)).isEmpty();
    assertThat(report.score(Pitfall.AUDIT_LOGS).checked()).isZero();
    assertThat(report.findings().notes()).contains("audit-logging skipped: a plan alone does not show the API"
        + " server's audit policy (it compiles to no object); check the spec instead");
  }

  @Test
  void onALiveClusterThePolicyFileOnTheNodeIsNotJudged() {
    Pod server = new PodBuilder().withNewMetadata().withName("kube-apiserver-cp").withNamespace("kube-system")
        .addToLabels("component", "kube-apiserver").endMetadata().withNewSpec().addNewContainer()
        .withName("kube-apiserver").withCommand("kube-apiserver", "--audit-policy-file=/etc/kubernetes/audit.yaml",
            "--audit-log-path=-").endContainer().endSpec().build();
    Outcome out = new Outcome();
    AuditLogCheck.run(ReadinessInput.ofLive(List.of(server), KubernetesVersion.of(1, 34), Optional.empty()), out);
    ReadinessReport report = ReadinessReport.of(out.report());
    assertThat(lines(report, RULE)).containsExactly("INFO audit-logging Pod kube-system/kube-apiserver-cp"
        + " spec.containers[0].command: reads its audit policy from /etc/kubernetes/audit.yaml on its node, which the"
        + " API does not show: whether it logs reads and changes of Secrets, changes to RBAC and exec into pods is not"
        + " checked — check the spec whose AuditPolicy the file is written from (ProductionReadiness.check(spec)"
        + " judges its rules), or compare the file with AuditPolicy.recommended().toYaml()");
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 100/100 pass (1 of 1 checks passed; worst"
        + " info)");
  }
}
