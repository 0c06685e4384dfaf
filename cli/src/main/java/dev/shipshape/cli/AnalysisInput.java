package dev.shipshape.cli;

import dev.shipshape.core.plan.Plan;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The PATH argument of the checking commands (reach, audit, can-i, who-can, rbac-diff): a spec script, which is
 * planned, or a manifest file or directory, which each analyzer reads with its own loader.
 */
final class AnalysisInput {
  private AnalysisInput() {}

  /**
   * What {@code path} holds, analyzed by {@code fromPlan} for a {@code .jsh} spec and by {@code fromManifests}
   * otherwise.
   *
   * @throws CliException with {@link ExitCode#SPEC_ERROR} when the path is missing, the script fails or builds an
   *     invalid spec, or a manifest cannot be read
   */
  static <T> T analyze(Path path, Function<Plan, T> fromPlan, Function<Path, T> fromManifests) {
    if (!Files.exists(path)) {
      throw new CliException(ExitCode.SPEC_ERROR, path + " does not exist — pass a .jsh spec, a manifest file "
          + "or a directory of manifests");
    }
    if (SpecSource.isScript(path)) return fromPlan.apply(plan(path));
    try {
      return fromManifests.apply(path);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliException(ExitCode.SPEC_ERROR, e.getMessage() + " — fix the manifest or pass another path", e);
    }
  }

  /** Runs and plans a spec script; an invalid spec is an input error here, as with {@code diff}. */
  private static Plan plan(Path script) {
    SpecOptions options = new SpecOptions();
    options.spec = script;
    return options.plan(ExitCode.SPEC_ERROR);
  }
}
