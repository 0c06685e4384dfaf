package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

/** The spec value itself: immutable, never printing Secret data, with a valid name. */
class ClusterSpecTest {
  private static Secret secret() {
    return new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .addToStringData("password", "hunter2").build();
  }

  @Test
  void toStringNamesObjectsButNeverPrintsSecretData() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").resource(secret()).build();

    assertThat(spec.toString())
        .isEqualTo("ClusterSpec{name=shop, kubernetesVersion=1.35, components=[], resources=[Secret shop/db]}")
        .doesNotContain("hunter2");
  }

  @Test
  void changingWhatWasHandedInOrHandedOutDoesNotChangeTheSpec() {
    Secret handedIn = secret();
    ClusterSpec spec = ClusterSpec.builder().name("shop").resource(handedIn).build();

    handedIn.getStringData().put("password", "changed-before");
    ((Secret) spec.rawResources().get(0)).getStringData().put("password", "changed-after");

    assertThat(((Secret) spec.rawResources().get(0)).getStringData()).containsEntry("password", "hunter2");
  }

  @Test
  void anInvalidSpecNameIsRejectedWithTheFix() {
    assertThatThrownBy(() -> ClusterSpec.builder().name("Prod").build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessage("ClusterSpec is invalid: 1 error" + System.lineSeparator()
            + "  ERROR name: spec name 'Prod' is not a DNS-1123 label"
            + " (lower-case letters, digits and '-', starting and ending with a letter or digit) — use lower-case"
            + " letters, digits and '-', at most 63 characters, such as 'prod'");
  }
}
