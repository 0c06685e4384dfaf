package dev.shipshape.cli;

import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
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
   * @throws CliException with {@link ExitCode#INVALID_INPUT} when the path is missing, the script fails or builds an
   *     invalid spec, or a manifest cannot be read (listing every object that {@link LoadableManifests} rejects)
   */
  static <T> T analyze(Path path, Function<Plan, T> fromPlan, Function<Path, T> fromManifests) {
    if (!Files.exists(path)) {
      throw new CliException(ExitCode.INVALID_INPUT, path + " does not exist — pass a .jsh spec, a manifest file "
          + "or a directory of manifests");
    }
    if (SpecSource.isScript(path)) return fromPlan.apply(SpecOptions.plan(path));
    try {
      LoadableManifests.check(path);
      return fromManifests.apply(path);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, e.getMessage() + " — fix the manifest or pass another path", e);
    }
  }
}
