package dev.shipshape.security.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.plan.Plan;
import org.junit.jupiter.api.Test;

/** An environment's Pod Security level, and the plan-time check against it. */
class PodSecurityOverrideTest {
  private static final String SPEC = String.join("\n",
      "apiVersion: v1", "kind: Namespace",
      "metadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: restricted, "
          + "pod-security.kubernetes.io/warn: restricted}}",
      "---", "apiVersion: v1", "kind: Namespace", "metadata: {name: tools}",
      "---", "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {matchLabels: {app: x}}, template: {metadata: {labels: {app: x}}, spec: "
          + "{containers: [{name: app, image: 'nginx:1.27'}]}}}", "");

  private static ClusterSpec spec() {
    return ClusterSpec.builder().name("shop").yaml(SPEC)
        .environment(Environment.of("laptop", PodSecurityOverride.enforce(PodSecurityLevel.BASELINE)))
        .build();
  }

  @Test
  void theEnvironmentsLevelIsEnforcedAndWorkloadsAreCheckedAgainstIt() {
    // restricted rejects the unhardened Deployment; the laptop's baseline admits it.
    assertThatThrownBy(spec()::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("which enforces PodSecurity \"restricted:latest\"");
    Plan laptop = spec().plan("laptop");
    assertThat(laptop.find(ResourceRef.core("Namespace", null, "shop")).orElseThrow().object().getMetadata()
        .getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    // A namespace without an enforce label is not given one.
    assertThat(laptop.find(ResourceRef.core("Namespace", null, "tools")).orElseThrow().object().getMetadata()
        .getLabels()).isNullOrEmpty();
  }

  @Test
  void namedNamespacesGetTheLevelAndAnOverrideThatConcernsNoneIsAnError() {
    Plan plan = ClusterSpec.builder().name("shop").yaml(SPEC).build()
        .plan(Environment.of("ci", PodSecurityOverride.enforce(PodSecurityLevel.BASELINE, "shop", "tools")));
    assertThat(plan.find(ResourceRef.core("Namespace", null, "tools")).orElseThrow().object().getMetadata()
        .getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    ClusterSpec none = ClusterSpec.builder().name("x").yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")
        .build();
    assertThatThrownBy(() -> none.plan(Environment.of("laptop", PodSecurityOverride.enforce(PodSecurityLevel.BASELINE))))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("override 'Pod Security level enforced in every namespace that enforces one: baseline'"
            + " concerns no object of the spec");
  }
}
