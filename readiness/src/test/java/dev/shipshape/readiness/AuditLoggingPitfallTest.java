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
import dev.shipshape.security.auditlog.AuditResources;
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
        .containsExactly("cis:1.2.16", "cis:1.2.17", "cis:1.2.18", "cis:1.2.19", "cis:3.2.1", "kubescape:C-0067"));
    // What a policy logs (CIS 3.2.2) is the other rule's: without a policy it has nothing to judge.
    assertThat(report.findings().findings("audit-policy-coverage")).isEmpty();
    PitfallScore score = report.score(Pitfall.AUDIT_LOGS);
    assertThat(score).hasToString("audit-logs 0/100 fail (0 of 1 checks passed; worst high)");
  }

  @Test
  void theRecommendedPolicyClosesTheGap() {
    ReadinessReport report = Fixtures.check(Fixtures.withoutAuditPolicy().component(AuditPolicy.recommended()).build());
    assertThat(lines(report, RULE)).isEmpty();
    assertThat(lines(report, "audit-policy-coverage")).isEmpty();
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 100/100 pass (2 of 2 checks passed)");
  }

  @Test
  void aPolicyTheApiServerRefusesIsAGapThatNamesItsErrorsAlone() {
    // Planning the spec would refuse such a policy; a plan made without it is checked with the spec's components.
    // The API server would not start with it: what its rules would log (nothing, here) is not judged.
    AuditPolicy broken = AuditPolicy.builder().name("cluster-audit")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz"))
        .rule(AuditPolicyRule.at(AuditLevel.NONE))
        .build();
    ClusterSpec spec = Fixtures.withoutAuditPolicy().component(broken).build();
    Plan plan = Fixtures.withoutAuditPolicy().build().plan();
    ReadinessReport report = ProductionReadiness.builder().build().check(spec, plan);
    assertThat(lines(report, RULE)).containsExactly("HIGH audit-logging Policy.audit.k8s.io cluster-audit"
        + " rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/', which the API server refuses — write the"
        + " path from its root, such as /healthz");
    assertThat(lines(report, "audit-policy-coverage")).isEmpty();
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 0/100 fail (0 of 1 checks passed; worst"
        + " high)");
  }

  @Test
  void aPolicyThatLogsSecretDataIsJudgedForWhatItLeavesOutToo() {
    // The API server accepts such a policy: its rules are what it logs.
    AuditPolicy secretBodies = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("oidc:sre").resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE))
        .build();
    ReadinessReport logged = ProductionReadiness.builder().build()
        .check(Fixtures.withoutAuditPolicy().component(secretBodies).build(), Fixtures.withoutAuditPolicy().build()
            .plan());
    assertThat(lines(logged, RULE)).isEmpty();
    assertThat(lines(logged, "audit-policy-coverage")).extracting(l -> l.substring(0, l.indexOf(':')))
        .containsExactly("HIGH audit-policy-coverage Policy.audit.k8s.io audit-policy rules[0]",
            "HIGH audit-policy-coverage Policy.audit.k8s.io audit-policy rules[0]",
            "HIGH audit-policy-coverage Policy.audit.k8s.io audit-policy rules[1].level",
            "LOW audit-policy-coverage Policy.audit.k8s.io audit-policy rules[1]");
    assertThat(lines(logged, "audit-policy-coverage").get(2)).contains(": RequestResponse writes Secret data or"
        + " tokens to the audit log");
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
    assertThat(lines(report, RULE)).isEmpty();
    assertThat(lines(report, "audit-policy-coverage")).containsExactly("INFO audit-policy-coverage Pod"
        + " kube-system/kube-apiserver-cp spec.containers[0].command: reads its audit policy from"
        + " /etc/kubernetes/audit.yaml on its node, which the API does not show: whether it logs reads and changes of"
        + " Secrets, changes to RBAC and exec into pods is not checked — check the spec whose AuditPolicy the file is"
        + " written from (ProductionReadiness.check(spec) judges its rules), or compare the file with"
        + " AuditPolicy.recommended().toYaml()");
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 100/100 pass (1 of 1 checks passed; worst"
        + " info)");
  }

  @Test
  void onALiveClusterEachPolicyFileIsNotedOnce() {
    // Three control-plane nodes read the same file: one note of it, naming every pod.
    List<Pod> servers = List.of(server("kube-apiserver-cp1", "/etc/kubernetes/audit.yaml"),
        server("kube-apiserver-cp2", "/etc/kubernetes/audit.yaml"), server("kube-apiserver-cp3",
            "/etc/kubernetes/audit.yaml"), server("kube-apiserver-canary", "/etc/kubernetes/audit-canary.yaml"));
    Outcome out = new Outcome();
    AuditLogCheck.run(ReadinessInput.ofLive(servers, KubernetesVersion.of(1, 34), Optional.empty()), out);
    ReadinessReport report = ReadinessReport.of(out.report());
    assertThat(lines(report, "audit-policy-coverage")).extracting(l -> l.substring(0, l.indexOf(", which")))
        .containsExactly("INFO audit-policy-coverage Pod kube-system/kube-apiserver-canary spec.containers[0].command:"
                + " reads its audit policy from /etc/kubernetes/audit-canary.yaml on its node",
            "INFO audit-policy-coverage Pod kube-system/kube-apiserver-cp1 spec.containers[0].command: reads its"
                + " audit policy from /etc/kubernetes/audit.yaml on its node (as do Pod kube-system/kube-apiserver-cp2,"
                + " Pod kube-system/kube-apiserver-cp3)");
    assertThat(report.score(Pitfall.AUDIT_LOGS).checked()).isEqualTo(4);
  }

  private static Pod server(String name, String policy) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
        .addToLabels("component", "kube-apiserver").endMetadata().withNewSpec().addNewContainer()
        .withName("kube-apiserver").withCommand("kube-apiserver", "--audit-policy-file=" + policy,
            "--audit-log-path=-").endContainer().endSpec().build();
  }
}
