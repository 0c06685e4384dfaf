package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pitfalls the security audit checks, run through readiness and counted against their pitfall. */
class AuditPitfallsTest {
  private static final String DIGEST = "ghcr.io/example/web:1.0@sha256:" + "a".repeat(64);

  private static ClusterSpec withWeb(String web) {
    return Fixtures.ready().yaml(web).build();
  }

  private static ReadinessReport readyWithWeb(String web) {
    return Fixtures.check(Fixtures.ready(web).build());
  }

  @Test
  void missingRequestsLimitsAndProbesCountAgainstResources() {
    String bare = Fixtures.WEB.replaceAll("(?s)        resources:.*", "");
    ReadinessReport report = readyWithWeb(bare);
    assertThat(report.findings(Pitfall.RESOURCES).stream().map(Finding::ruleId).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("cpu-requests-missing", "cpu-limits-missing", "memory-requests-missing",
            "memory-limits-missing", "readiness-probe-missing", "liveness-probe-missing");
    assertThat(lines(report, "memory-limits-missing")).containsExactly("MEDIUM memory-limits-missing"
        + " Deployment.apps shop/web spec.template.spec.containers[0].resources.limits.memory: container 'web' has"
        + " no memory limit — set resources.limits.memory on every container");
    assertThat(report.score(Pitfall.RESOURCES).score()).isZero();
    assertThat(readyWithWeb(Fixtures.WEB).findings(Pitfall.RESOURCES)).isEmpty();
  }

  @Test
  void latestTagsAndTagsWithoutDigestAreMutable() {
    ReadinessReport latest = readyWithWeb(Fixtures.WEB.replace(DIGEST, "ghcr.io/example/web:latest"));
    assertThat(lines(latest, "image-tag-missing")).containsExactly("MEDIUM image-tag-missing Deployment.apps"
        + " shop/web spec.template.spec.containers[0].image: container 'web' image 'ghcr.io/example/web:latest'"
        + " uses the tag latest — pin the image to a version tag or, better, a digest (image@sha256:…)");
    assertThat(lines(latest, "image-without-digest")).isEmpty();
    ReadinessReport tagged = readyWithWeb(Fixtures.WEB.replace(DIGEST, "ghcr.io/example/web:1.0"));
    assertThat(lines(tagged, "image-without-digest")).containsExactly("LOW image-without-digest Deployment.apps"
        + " shop/web spec.template.spec.containers[0].image: container 'web' image 'ghcr.io/example/web:1.0' has a"
        + " tag but no digest — pin the image by digest (repository:tag@sha256:…), as a release pipeline resolves"
        + " it");
    assertThat(tagged.findings(Pitfall.IMAGES)).hasSize(1);
    assertThat(readyWithWeb(Fixtures.WEB).findings(Pitfall.IMAGES)).isEmpty();
  }

  @Test
  void aNamespaceWithoutDefaultDenyIsANetworkGap() {
    ClusterSpec open = Fixtures.bare(Fixtures.WEB).component(Fixtures.offClusterLocation(), Fixtures.schedule(),
        Fixtures.encryption()).build();
    ReadinessReport report = Fixtures.check(open);
    assertThat(lines(report, "namespace-without-default-deny")).singleElement().asString()
        .startsWith("MEDIUM namespace-without-default-deny Namespace shop: has no default-deny ingress"
            + " NetworkPolicy");
    assertThat(report.score(Pitfall.NETWORK).score()).isZero();
  }

  @Test
  void bindingClusterAdminIsOverBroadRbac() {
    String binding = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n"
        + "  name: ci-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n"
        + "  name: cluster-admin\nsubjects:\n- kind: Group\n  name: ci\n  apiGroup: rbac.authorization.k8s.io\n";
    ReadinessReport report = Fixtures.check(withWeb(binding));
    assertThat(lines(report, "cluster-admin-binding")).singleElement().asString().startsWith("CRITICAL"
        + " cluster-admin-binding ClusterRoleBinding.rbac.authorization.k8s.io ci-admin roleRef: grants ClusterRole"
        + " cluster-admin, which may do anything");
    assertThat(report.score(Pitfall.RBAC).status()).isEqualTo("fail");
  }

  @Test
  void aVersionOutsideTheSupportWindowAndDeprecatedApisAreVersionGaps() {
    ReadinessReport old = Fixtures.check(Fixtures.ready().kubernetesVersion("1.31").build());
    assertThat(lines(old, "unsupported-kubernetes-version")).singleElement().asString()
        .startsWith("HIGH unsupported-kubernetes-version: target Kubernetes 1.31 is outside the supported window"
            + " 1.33–1.35");
    String beta = Fixtures.BUDGET.replace("policy/v1", "policy/v1beta1").replace("name: web\n  namespace",
        "name: web-beta\n  namespace");
    ReadinessReport deprecated = Fixtures.check(Fixtures.ready().kubernetesVersion("1.24").yaml(beta).build());
    assertThat(lines(deprecated, "deprecated-api-version")).singleElement().asString().contains(
        "policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25; use policy/v1");
    assertThat(deprecated.findings(Pitfall.VERSIONS).stream().map(Finding::severity))
        .contains(Severity.MEDIUM, Severity.HIGH);
    assertThat(Fixtures.check(Fixtures.ready().build()).findings(Pitfall.VERSIONS)).isEmpty();
  }
}
