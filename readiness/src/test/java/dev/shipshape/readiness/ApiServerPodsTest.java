package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The flags of the API server's static pods, as both checks that read them see them. */
class ApiServerPodsTest {
  private static Pod pod(List<String> command, List<String> args) {
    return new PodBuilder().withNewMetadata().withName("kube-apiserver-cp").withNamespace("kube-system")
        .addToLabels("component", "kube-apiserver").endMetadata().withNewSpec().addNewContainer()
        .withName("kube-apiserver").withCommand(command).withArgs(args).endContainer().endSpec().build();
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars("abz/._-=019").ofMinLength(1).ofMaxLength(30)
        .filter(v -> !v.startsWith("--"));
  }

  @Property
  void aFlagReadsTheSameWithOrWithoutEquals(@ForAll("values") String value) {
    Pod joined = pod(List.of("kube-apiserver", "--audit-log-path=" + value), List.of());
    Pod split = pod(List.of("kube-apiserver"), List.of("--audit-log-path", value, "--v=2"));
    assertThat(ApiServerPods.flag(joined, "--audit-log-path")).hasValue(value);
    assertThat(ApiServerPods.flag(split, "--audit-log-path")).hasValue(value);
    assertThat(ApiServerPods.flag(joined, "--audit-log-maxage")).isEmpty();
  }

  @Test
  void aFlagWithoutAValueIsNotSet() {
    Pod empty = pod(List.of("kube-apiserver", "--encryption-provider-config=", "--audit-policy-file"), List.of());
    assertThat(ApiServerPods.flag(empty, "--encryption-provider-config")).hasValue("");
    assertThat(ApiServerPods.isSet(empty, "--encryption-provider-config")).isFalse();
    assertThat(ApiServerPods.isSet(empty, "--audit-policy-file")).isFalse();
    // A flag whose name starts with another's is not that flag.
    Pod longer = pod(List.of("kube-apiserver", "--audit-log-path-extra=/x"), List.of());
    assertThat(ApiServerPods.flag(longer, "--audit-log-path")).isEqualTo(Optional.empty());
  }

  @Test
  void aFlagGivenTwiceTakesItsLastValue() {
    Pod twice = pod(List.of("kube-apiserver", "--audit-log-maxage=7"), List.of("--audit-log-maxage", "30"));
    assertThat(ApiServerPods.flag(twice, "--audit-log-maxage")).hasValue("30");
  }

  @Test
  void anEmptyEncryptionConfigPathEncryptsNothing() {
    Pod empty = pod(List.of("kube-apiserver", "--encryption-provider-config="), List.of());
    ReadinessInput input = ReadinessInput.ofLive(List.of(empty), KubernetesVersion.of(1, 34), Optional.empty());
    Outcome out = new Outcome();
    EncryptionCheck.run(input, out);
    assertThat(out.report().findings()).singleElement().hasToString("HIGH etcd-encryption Pod"
        + " kube-system/kube-apiserver-cp spec.containers[0].command: runs without --encryption-provider-config:"
        + " Secrets are stored in etcd as plain base64 — " + EncryptionCheck.RULE.remediation());
  }
}
