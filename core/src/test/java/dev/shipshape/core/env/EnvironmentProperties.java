package dev.shipshape.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.diff.FieldChange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;

/** Whatever an environment does not override stays identical to the spec's plan. */
class EnvironmentProperties {
  private static final ClusterSpec SPEC = EnvironmentTest.spec();

  @Property(tries = 25)
  void replicasChangeOnlyTheReplicasOfScalableWorkloads(@ForAll @IntRange(min = 0, max = 50) int replicas) {
    EnvironmentDiff diff = EnvironmentDiff.between(SPEC.plan(), SPEC.plan(Environment.of("e",
        Overrides.replicas(replicas))));
    assertThat(diff.onlyInLeft()).isEmpty();
    assertThat(diff.onlyInRight()).isEmpty();
    assertThat(diff.waves()).isEmpty();
    assertThat(diff.changed().keySet()).allMatch(r -> r.equals(EnvironmentTest.WEB) || r.equals(EnvironmentTest.DB));
    assertThat(diff.changed().values()).allSatisfy(fields -> assertThat(fields)
        .extracting(FieldChange::path).containsExactly("spec.replicas"));
  }

  @Property(tries = 25)
  void hostsChangeOnlyTheIngressHostsThatMatch(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String label) {
    String host = label.toLowerCase(java.util.Locale.ROOT) + ".example.org";
    EnvironmentDiff diff = EnvironmentDiff.between(SPEC.plan(), SPEC.plan(Environment.of("e",
        Overrides.ingressHost("shop.example.com", host))));
    assertThat(diff.changed()).containsOnlyKeys(EnvironmentTest.INGRESS);
    assertThat(diff.changed().get(EnvironmentTest.INGRESS)).extracting(FieldChange::path)
        .containsExactly("spec.rules[0].host", "spec.tls[0].hosts[0]");
    assertThat(diff.onlyInLeft()).isEmpty();
    assertThat(diff.onlyInRight()).isEmpty();
  }
}
