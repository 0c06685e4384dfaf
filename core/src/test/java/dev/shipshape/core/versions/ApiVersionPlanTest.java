package dev.shipshape.core.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import org.junit.jupiter.api.Test;

class ApiVersionPlanTest {
  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n";
  private static final String PDB_BETA = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\n"
      + "metadata: {name: web, namespace: shop}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}\n";
  private static final String FLOW_BETA3 = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\n"
      + "metadata: {name: batch}\nspec: {priorityLevelConfiguration: {name: workload-low}}\n";

  @Test
  void aRemovedApiVersionIsAnErrorWithItsReplacement() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").kubernetesVersion("1.34").yaml(NAMESPACE + PDB_BETA).build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("policy/v1beta1 PodDisruptionBudget is no longer served since Kubernetes 1.25"
            + " (target 1.34)").hasMessageContaining("use policy/v1");
  }

  @Test
  void aDeprecatedApiVersionIsAWarningBeforeItsRemoval() {
    Plan plan = ClusterSpec.builder().name("shop").kubernetesVersion("1.29").yaml(FLOW_BETA3).build().plan();
    assertThat(plan.warnings()).extracting(Problem::message).contains("flowcontrol.apiserver.k8s.io/v1beta3"
        + " FlowSchema is deprecated since Kubernetes 1.29 and removed in 1.32 (target 1.29)");
    assertThat(plan.warnings()).extracting(Problem::fix).contains("use flowcontrol.apiserver.k8s.io/v1");
    Plan older = ClusterSpec.builder().name("shop").kubernetesVersion("1.28").yaml(FLOW_BETA3).build().plan();
    assertThat(older.warnings()).extracting(Problem::field).doesNotContain(java.util.Optional.of("apiVersion"));
  }

  @Test
  void aSpecWithoutATargetIsCheckedAgainstTheNewestKnownMinor() {
    assertThatThrownBy(() -> ClusterSpec.builder().name("shop").yaml(FLOW_BETA3).build().plan())
        .hasMessageContaining("no longer served since Kubernetes 1.32 (target "
            + ClusterSpec.builder().name("x").build().kubernetesVersion() + ")");
  }

  @Test
  void aNewerFileInPlutosFormatReplacesTheBundledData() {
    ApiDeprecations newer = ApiDeprecations.parse("deprecated-versions:\n  - version: apps/v1\n    kind: Deployment\n"
        + "    deprecated-in: v1.30\n    removed-in: ''\n    replacement-api: apps/v2\n    component: k8s\n"
        + "  - version: apps/v1\n    kind: StatefulSet\n    deprecated-in: v1.1\n    component: istio\n", "newer");
    assertThat(newer.find("apps/v1", "Deployment").get().deprecatedBy(KubernetesVersion.of(1, 34))).isTrue();
    assertThat(newer.find("apps/v1", "StatefulSet")).as("other components' versions are not Kubernetes'").isEmpty();
    assertThat(newer.find("policy/v1beta1", "PodDisruptionBudget")).isEmpty();
    Plan plan = ClusterSpec.builder().name("shop").kubernetesVersion("1.34").apiDeprecations(newer)
        .yaml(NAMESPACE + PDB_BETA).build().plan();
    assertThat(plan.warnings()).extracting(Problem::field).doesNotContain(java.util.Optional.of("apiVersion"));
  }

  @Test
  void badDataSaysWhatFormatIsExpected() {
    assertThatThrownBy(() -> ApiDeprecations.parse("versions: []\n", "mine.yaml"))
        .hasMessage("mine.yaml has no 'deprecated-versions' list; expected the format of Pluto's versions.yaml");
  }

  @Test
  void theBundledDataKnowsTheGuidesRemovals() {
    ApiDeprecations data = ApiDeprecations.bundled();
    KubernetesVersion v125 = KubernetesVersion.of(1, 25);
    assertThat(data.find("batch/v1beta1", "CronJob").get().removedBy(v125)).isTrue();
    assertThat(data.find("policy/v1beta1", "PodSecurityPolicy").get().advice())
        .isEqualTo("it has no replacement: remove the object");
    assertThat(data.find("apps/v1", "Deployment")).isEmpty();
  }

  @Test
  void aTargetOutsideTheThreeNewestMinorsIsWarnedAbout() {
    KubernetesVersion newest = SupportWindow.NEWEST_KNOWN;
    KubernetesVersion oldestSupported = KubernetesVersion.of(newest.major(), newest.minor() - 2);
    KubernetesVersion tooOld = KubernetesVersion.of(newest.major(), newest.minor() - 3);
    assertThat(ClusterSpec.builder().name("shop").kubernetesVersion(oldestSupported.toString()).build().plan()
        .warnings()).isEmpty();
    assertThat(ClusterSpec.builder().name("shop").kubernetesVersion(tooOld.toString()).build().plan().warnings())
        .extracting(Problem::message).containsExactly("Kubernetes " + tooOld + " is outside the supported window "
            + oldestSupported + "–" + newest + " (the three newest minor versions) and no longer gets patches");
    assertThat(SupportWindow.endingAt(KubernetesVersion.of(1, 36)).problem(KubernetesVersion.of(1, 34))).isEmpty();
    assertThat(ClusterSpec.builder().name("x").build().kubernetesVersion()).isEqualTo(newest);
  }
}
