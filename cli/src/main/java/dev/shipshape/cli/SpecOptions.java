package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.versions.ApiDeprecations;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The SPEC argument and the options that adjust the spec, and how the spec is loaded and planned with them. */
final class SpecOptions extends SpecArguments {

  /**
   * Loads and plans the spec of {@code arguments}, for its {@code --env} environment when it names one.
   *
   * @throws CliException with {@link ExitCode#USAGE} for a wrong option value or an environment the spec does not
   *     declare, {@link ExitCode#INVALID_INPUT} listing every problem when the spec is invalid, or saying why it
   *     cannot be loaded
   */
  static Plan plan(SpecArguments arguments) {
    return plan(arguments.spec(), load(arguments), arguments.env());
  }

  /**
   * Loads the spec of {@code arguments} with its name, pre-existing objects, target version and deprecation data,
   * without planning it.
   *
   * @throws CliException as {@link #plan(SpecArguments)}
   */
  static ClusterSpec load(SpecArguments arguments) {
    arguments.check();
    return loaded(arguments.spec(), () -> targeted(arguments.kubernetesVersion(), arguments.deprecations(),
        SpecSource.load(arguments.spec(), arguments.name(), arguments.preExistingNamespaces(),
            arguments.preExistingCrds())));
  }

  /** Loads a spec script as it is, for {@code kubernetesVersion} when given; see {@link #load(SpecArguments)}. */
  static ClusterSpec load(Path script, Optional<String> kubernetesVersion) {
    try {
      kubernetesVersion.ifPresent(KubernetesVersion::parse);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "--kubernetes-version: " + e.getMessage(), e);
    }
    return loaded(script, () -> targeted(kubernetesVersion, Optional.empty(),
        SpecSource.load(script, Optional.empty(), List.of(), List.of())));
  }

  /** Runs and plans a spec script as it is; see {@link #plan(SpecArguments)}. */
  static Plan plan(Path script) {
    return plan(script, load(script, Optional.empty()), Optional.empty());
  }

  /** Loads and plans the spec; see {@link #plan(SpecArguments)}. */
  Plan plan() {
    return plan(this);
  }

  /**
   * Plans {@code loaded} (read from {@code spec}), for its environment {@code environment} when given.
   *
   * @throws CliException with {@link ExitCode#USAGE} naming the spec's environments when it has no such one, or
   *     with {@link ExitCode#INVALID_INPUT} listing every problem of an invalid spec
   */
  static Plan plan(Path spec, ClusterSpec loaded, Optional<String> environment) {
    return loaded(spec, () -> environment.isEmpty() ? loaded.plan() : loaded.plan(environment(spec, loaded,
        environment.get())));
  }

  private static Environment environment(Path spec, ClusterSpec loaded, String name) {
    return loaded.environment(name).orElseThrow(() -> new CliException(ExitCode.USAGE, "--env '" + name + "': "
        + spec + " declares " + (loaded.environments().isEmpty()
            ? "no environments — add them with ClusterSpec.builder().environment(Environment.of(\"laptop\", ...))"
            : "the environments " + loaded.environments().stream().map(Environment::name)
                .collect(Collectors.joining(", ")) + " — pass one of them")));
  }

  private static <T> T loaded(Path spec, Supplier<T> load) {
    try {
      return load.get();
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.INVALID_INPUT, describe(spec + " is invalid", e.problems()), e);
    } catch (ScriptException e) {
      throw new CliException(ExitCode.INVALID_INPUT, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  /** The spec with the target version and deprecation data the options give. */
  private static ClusterSpec targeted(Optional<String> kubernetesVersion, Optional<Path> deprecations,
      ClusterSpec loaded) {
    if (kubernetesVersion.isEmpty() && deprecations.isEmpty()) return loaded;
    ClusterSpec.Builder builder = ClusterSpec.builder().from(loaded);
    kubernetesVersion.ifPresent(builder::kubernetesVersion);
    if (deprecations.isPresent()) {
      try {
        builder.apiDeprecations(ApiDeprecations.read(deprecations.get()));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--deprecations: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /**
   * {@code SUBJECT: 2 errors (each line names ...)} and the problems, one per line: how a spec or manifests that
   * cannot be used are reported.
   */
  static String describe(String subject, List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    StringBuilder text = new StringBuilder().append(subject).append(": ").append(errors)
        .append(errors == 1 ? " error" : " errors");
    long warnings = problems.size() - errors;
    if (warnings > 0) text.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    text.append(" (each line names the object, the field, the problem and the fix)");
    for (Problem problem : problems) text.append(System.lineSeparator()).append(problem);
    return text.toString();
  }
}
