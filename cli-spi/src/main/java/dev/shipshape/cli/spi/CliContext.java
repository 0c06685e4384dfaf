package dev.shipshape.cli.spi;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command line shares with the commands of plug-ins, for one run: spec scripts and manifests loaded as
 * {@code plan} loads them, the cluster of {@code --live}, and the process environment. Every method reports what
 * the user can fix as a {@link CliException} with its {@link ExitCode}.
 */
public interface CliContext {

  /** An environment variable; empty when unset or blank. */
  Optional<String> variable(String name);

  /**
   * What {@code path} holds, for commands that read a spec or manifests (PATH of {@code reach}, {@code audit}, …):
   * a spec script ({@code *.jsh}) is run and planned and given to {@code fromPlan}; a manifest file or directory is
   * given to {@code fromManifests} (an {@code IllegalArgumentException} or {@code UncheckedIOException} from it is
   * an unreadable manifest).
   *
   * @throws CliException with {@link ExitCode#INVALID_INPUT} when the path is missing, the script fails or builds
   *     an invalid spec, or a manifest cannot be read
   */
  <T> T analyze(Path path, Function<Plan, T> fromPlan, Function<Path, T> fromManifests);

  /**
   * Loads and plans the spec of {@code arguments} with its options, as {@code plan} does (for the environment of
   * {@code --env} when given).
   *
   * @throws CliException with {@link ExitCode#USAGE} for a wrong option value or an environment the spec does not
   *     declare, {@link ExitCode#INVALID_INPUT} when the spec cannot be loaded or is invalid (listing every problem)
   */
  Plan plan(SpecArguments arguments);

  /**
   * Loads the spec of {@code arguments} with its options without planning it; for commands that need the spec as
   * well as its plan ({@link #plan(ClusterSpec, SpecArguments)}).
   *
   * @throws CliException as {@link #plan(SpecArguments)}
   */
  ClusterSpec load(SpecArguments arguments);

  /**
   * Plans {@code loaded}, a spec {@link #load(SpecArguments) loaded} with {@code arguments}, for the environment of
   * their {@code --env} when given.
   *
   * @throws CliException as {@link #plan(SpecArguments)}
   */
  Plan plan(ClusterSpec loaded, SpecArguments arguments);

  /**
   * Loads a spec script or manifests as a spec without planning it, with {@code preExistingNamespaces} declared;
   * for commands that check a spec their own way.
   *
   * @throws CliException with {@link ExitCode#INVALID_INPUT} when it cannot be loaded or the SDK rejects it
   */
  ClusterSpec load(Path spec, List<String> preExistingNamespaces);

  /**
   * Runs a spec script ({@code *.jsh}) as {@code plan} loads it and returns the final values of its top-level
   * variables by name, its {@code spec} (a {@link ClusterSpec}) included; for commands that read more than the spec
   * from a script, such as a release.
   *
   * @throws CliException with {@link ExitCode#INVALID_INPUT} when the script is missing, fails, assigns no
   *     {@code spec} or builds an invalid one
   */
  Map<String, Object> scriptVariables(Path script);

  /**
   * Connects to the cluster chosen (for a {@link LiveOptions}, its {@link LiveOptions#cluster()}).
   *
   * @throws CliException with {@link ExitCode#USAGE} for options that do not go together, {@link ExitCode#CLUSTER}
   *     when the cluster cannot be used
   */
  LiveCluster connect(ClusterSelection cluster);

  /**
   * Connects to another context ({@code otherContext}) of the kubeconfig that {@code cluster} chooses, such as the
   * target cluster of a migration.
   *
   * @throws CliException with {@link ExitCode#USAGE} with {@code --embedded}, {@link ExitCode#CLUSTER} when the
   *     context cannot be used
   */
  LiveCluster connect(ClusterSelection cluster, String otherContext);
}
