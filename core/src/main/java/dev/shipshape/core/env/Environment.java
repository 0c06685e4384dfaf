package dev.shipshape.core.env;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A named variant of a spec, such as {@code laptop} or {@code production}: the spec's plan with typed overrides
 * applied, and everything else identical. Declare environments on the spec and plan one by name:
 *
 * <pre>{@code
 * Environment laptop = Environment.builder()
 *     .name("laptop")
 *     .override(Overrides.replicas(1))
 *     .override(Overrides.storageClass("csi-cinder-high-speed", "standard"))
 *     .override(PodSecurityOverride.enforce(PodSecurityLevel.BASELINE))   // from the security module
 *     .build();
 * ClusterSpec spec = ClusterSpec.builder().name("shop")...environment(laptop).build();
 * Plan plan = spec.plan("laptop");
 * }</pre>
 *
 * <p>An environment without overrides plans exactly as the spec does.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Environment {

  /** The environment's name, a DNS-1123 label such as {@code laptop}; {@code --env} selects it. */
  public abstract String name();

  /** The overrides, applied in this order. */
  public abstract List<EnvironmentOverride> overrides();

  public static Builder builder() {
    return ImmutableEnvironment.builder();
  }

  /** An environment with these overrides. */
  public static Environment of(String name, EnvironmentOverride... overrides) {
    return builder().name(name).addOverrides(overrides).build();
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    for (String message : Names.checkDns1123Label(name())) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("name")
          .message("environment name '" + name() + "' " + message)
          .fix("use lower-case letters, digits and '-', at most 63 characters, such as 'laptop'").build());
    }
    if (!problems.isEmpty()) throw new SpecValidationException("Environment " + name(), problems);
  }

  @Override
  public String toString() {
    return "Environment{" + name() + ": "
        + overrides().stream().map(EnvironmentOverride::description).collect(Collectors.joining("; ")) + "}";
  }

  /** Builds an {@link Environment}; the name is required. */
  public interface Builder {
    /** Starts from every attribute of {@code environment}. */
    Builder from(Environment environment);

    Builder name(String name);

    Builder addOverrides(EnvironmentOverride... overrides);

    Builder addAllOverrides(Iterable<? extends EnvironmentOverride> overrides);

    /** Adds overrides, applied after those added before. */
    default Builder override(EnvironmentOverride... overrides) {
      return addOverrides(overrides);
    }

    Environment build();
  }
}
