package dev.shipshape.testing;

import static dev.shipshape.testing.ShipshapeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

class PlanAssertionsTest {
  private static final ResourceRef NAMESPACE = ResourceRef.clusterScoped("", "Namespace", "shop");
  private static final ResourceRef DEPLOYMENT = ResourceRef.namespaced("apps", "Deployment", "shop", "web");
  private final ClusterSpec spec = TestSpecs.shop("shop");

  @Test
  void passWhenThePlanHoldsWhatTheyClaim() {
    assertThat(spec).hasNoProblems().plan()
        .containsObject(DEPLOYMENT)
        .containsObject("Service", "shop", "web")
        .doesNotContainObject(ResourceRef.core("Service", "shop", "db"))
        .appliesBefore(NAMESPACE, DEPLOYMENT)
        .hasNoWarnings()
        .object("Deployment", "shop", "web")
        .hasField("spec.replicas", 2)
        .hasField("spec.template.spec.containers[0].image", "nginxinc/nginx-unprivileged:1.27")
        .hasField("spec.selector.matchLabels[app]", "web")
        .doesNotHaveField("spec.paused");
  }

  @Test
  void aMissingObjectFailsListingWhatThePlanHolds() {
    assertThatThrownBy(() -> assertThat(spec.plan()).containsObject("Service", "shop", "db"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to contain Service shop/db")
        .hasMessageContaining("Deployment");
  }

  @Test
  void aWrongFieldValueFailsShowingBothValues() {
    assertThatThrownBy(() -> assertThat(spec.plan()).object(DEPLOYMENT).hasField("spec.replicas", 3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("3").hasMessageContaining("2").hasMessageContaining("spec.replicas");
    assertThatThrownBy(() -> assertThat(spec.plan()).object(DEPLOYMENT).hasField("spec.paused", true))
        .hasMessageContaining("to set spec.paused but it does not");
  }

  @Test
  void waveOrderIsChecked() {
    assertThatThrownBy(() -> assertThat(spec.plan()).appliesBefore(DEPLOYMENT, NAMESPACE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be applied before");
  }

  @Test
  void problemsAreFoundByFieldAndMessage() {
    ClusterSpec orphan = ClusterSpec.builder().name("orphan").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").withNamespace("nowhere").endMetadata().build()).build();

    assertThat(orphan).hasProblem("metadata.namespace", "namespace 'nowhere' is neither created by the spec");
    assertThatThrownBy(() -> assertThat(orphan).hasNoProblems())
        .hasMessageContaining("to have no problems").hasMessageContaining("nowhere");
    assertThatThrownBy(() -> assertThat(orphan).hasProblem("metadata.name", "too long"))
        .hasMessageContaining("to have a problem at metadata.name");
    assertThatThrownBy(() -> assertThat(orphan).plan())
        .hasMessageContaining("to plan but it has problems");
  }
}
