package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Runs the planner on specs that must fail and returns what it found, one line per problem. */
final class Problems {
  private Problems() {}

  /** Every problem of a spec that must not plan, as {@link Problem#toString()} lines, errors first. */
  static List<String> of(ClusterSpec spec) {
    AtomicReference<SpecValidationException> thrown = new AtomicReference<>();
    assertThatThrownBy(() -> {
      try {
        spec.plan();
      } catch (SpecValidationException e) {
        thrown.set(e);
        throw e;
      }
    }).isInstanceOf(SpecValidationException.class);
    return lines(thrown.get().problems());
  }

  /** The warnings of a spec that plans. */
  static List<String> warnings(ClusterSpec spec) {
    Plan plan = spec.plan();
    return lines(plan.warnings());
  }

  static List<String> lines(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.toList());
  }

  /** A spec named {@code test} that creates namespace {@code shop} and knows {@code legacy} as pre-existing. */
  static ClusterSpec.Builder spec() {
    return ClusterSpec.builder().name("test")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")
        .preExistingNamespace("legacy");
  }
}
