package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.versions.ApiDeprecations;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The SPEC argument and the options that adjust the spec, and how the spec is loaded and planned with them. */
final class SpecOptions extends SpecArguments {

  /**
   * Loads and plans the spec of {@code arguments}.
   *
   * @throws CliException with {@link ExitCode#USAGE} for a wrong option value, {@link ExitCode#INVALID_INPUT}
   *     listing every problem when the spec is invalid, or saying why it cannot be loaded
   */
  static Plan plan(SpecArguments arguments) {
    arguments.check();
    return planned(arguments.spec(), () -> targeted(arguments, SpecSource.load(arguments.spec(), arguments.name(),
        arguments.preExistingNamespaces(), arguments.preExistingCrds())));
  }

  /** Runs and plans a spec script as it is; see {@link #plan(SpecArguments)}. */
  static Plan plan(Path script) {
    return planned(script, () -> SpecSource.load(script, Optional.empty(), List.of(), List.of()));
  }

  /** Loads and plans the spec; see {@link #plan(SpecArguments)}. */
  Plan plan() {
    return plan(this);
  }

  private static Plan planned(Path spec, Supplier<ClusterSpec> load) {
    try {
      return load.get().plan();
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.INVALID_INPUT, describe(spec, e.problems()), e);
    } catch (ScriptException e) {
      throw new CliException(ExitCode.INVALID_INPUT, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  /** The spec with the target version and deprecation data the options give. */
  private static ClusterSpec targeted(SpecArguments arguments, ClusterSpec loaded) {
    if (arguments.kubernetesVersion().isEmpty() && arguments.deprecations().isEmpty()) return loaded;
    ClusterSpec.Builder builder = ClusterSpec.builder().from(loaded);
    arguments.kubernetesVersion().ifPresent(builder::kubernetesVersion);
    if (arguments.deprecations().isPresent()) {
      try {
        builder.apiDeprecations(ApiDeprecations.read(arguments.deprecations().get()));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--deprecations: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private static String describe(Path spec, List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    StringBuilder text = new StringBuilder().append(spec).append(" is invalid: ").append(errors)
        .append(errors == 1 ? " error" : " errors");
    long warnings = problems.size() - errors;
    if (warnings > 0) text.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    text.append(" (each line names the object, the field, the problem and the fix)");
    for (Problem problem : problems) text.append(System.lineSeparator()).append(problem);
    return text.toString();
  }
}
