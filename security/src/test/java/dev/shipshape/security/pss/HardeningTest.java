package dev.shipshape.security.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class HardeningTest {
  private static final Deployment POSTGRES = (Deployment) Manifests.parse("apiVersion: apps/v1\nkind: Deployment\n"
      + "metadata: {name: db, namespace: shop}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n"
      + "    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: 'postgres:16'}]}\n").get(0);

  @Test
  void runAsNonRootWithoutAUserIsWarnedAbout() {
    assertThat(Hardening.warnings(Hardening.restricted(POSTGRES))).singleElement().hasToString(
        "WARNING Deployment.apps shop/db spec.template.spec.securityContext.runAsUser: container 'db' (image "
            + "postgres:16) must run as non-root but sets no runAsUser: official Docker images run as root by "
            + "default, so the kubelet will not start it — give a user id, such as Hardening.restricted(workload, "
            + "999) in the SDK or runAsUser: 999 in the manifest, or use an image with a numeric non-root USER");
  }

  @Test
  void onlyOfficialImagesAreKnownToRunAsRoot() {
    assertThat(RunAsUserCheck.officialImage("postgres:16")).isTrue();
    assertThat(RunAsUserCheck.officialImage("docker.io/library/nginx:1.27")).isTrue();
    assertThat(RunAsUserCheck.officialImage("ghcr.io/example/web:1.0")).isFalse();
    assertThat(RunAsUserCheck.officialImage("bitnami/postgresql:16")).isFalse();
    Deployment custom = Hardening.restricted(POSTGRES);
    custom.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/example/web:1.0");
    assertThat(Hardening.warnings(custom)).isEmpty();
  }

  @Test
  void aGivenUserIsSetAndSilencesTheWarning() {
    Deployment hardened = Hardening.restricted(POSTGRES, 999);
    var pod = hardened.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getRunAsUser()).isEqualTo(999L);
    assertThat(pod.getRunAsGroup()).isEqualTo(999L);
    assertThat(pod.getFsGroup()).isEqualTo(999L);
    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(Hardening.warnings(hardened)).isEmpty();
    assertThat(POSTGRES.getSpec().getTemplate().getSpec().getSecurityContext()).isNull();
    assertThatThrownBy(() -> Hardening.restricted(POSTGRES, 0))
        .hasMessage("runAsUser 0 is not a non-root user id — use a positive id such as 999");
  }

  @Test
  void podSecurityNamespacesReportTheWarningWhenPlanned() {
    var plan = ClusterSpec.builder().name("s")
        .component(PodSecurityNamespaces.builder().name("psa").namespace("shop", PodSecurityProfile.restricted())
            .build())
        .resource(Hardening.restricted(POSTGRES)).build().plan();
    assertThat(plan.warnings()).extracting(Problem::message)
        .anyMatch(m -> m.startsWith("container 'db' (image postgres:16) must run as non-root but sets no runAsUser"));
  }
}
