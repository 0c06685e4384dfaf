package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.versions.ApiDeprecations;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The SPEC argument and the options that adjust the spec; shared by plan, render, diff and apply. */
final class SpecOptions {

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec script (*.jsh) that assigns a ClusterSpec to "
      + "a variable named 'spec', or a Kubernetes manifest file (*.yaml, *.yml, *.json) or a directory of them.")
  Path spec;

  @Option(names = "--name", paramLabel = "NAME", description = "The spec's name, a DNS label; it names the ApplySet "
      + "that tracks what was applied. By default, the name the script gives, or the manifest file or directory "
      + "name.")
  String name;

  @Option(names = "--pre-existing-namespace", paramLabel = "NS", description = "A namespace that exists on the "
      + "cluster although the spec does not create it; repeat for several. Without it, objects in a namespace the "
      + "spec does not create are errors.")
  List<String> preExistingNamespaces = new ArrayList<>();

  @Option(names = "--pre-existing-crd", paramLabel = "NAME", description = "A CustomResourceDefinition "
      + "(<plural>.<group>, such as backups.velero.io) that exists on the cluster although the spec does not create "
      + "it; repeat for several. Without it, custom resources of kinds the spec defines no CRD for are warned about.")
  List<String> preExistingCrds = new ArrayList<>();

  @Option(names = "--kubernetes-version", paramLabel = "V", description = "The Kubernetes version to plan for, such "
      + "as 1.33; objects whose apiVersion it no longer serves are errors, deprecated ones warnings. By default, the "
      + "spec's, or for manifests the newest version the SDK knows.")
  String kubernetesVersion;

  @Option(names = "--env", paramLabel = "NAME", description = "Plan the spec for its environment NAME (such as "
      + "laptop or production): the spec with that environment's overrides (replicas, resources, storage classes, "
      + "hosts, Pod Security level, mTLS mode, ...), everything else identical. By default, the spec as it is.")
  String env;

  @Option(names = "--deprecations", paramLabel = "FILE", description = "A newer file of deprecated and removed API "
      + "versions in Pluto's versions.yaml format, instead of the SDK's bundled data.")
  Path deprecations;

  /**
   * Checks the options' values before any work starts.
   *
   * @throws CliException with {@link ExitCode#USAGE} listing every invalid value
   */
  void check() {
    List<String> problems = new ArrayList<>();
    if (name != null) {
      Names.checkDns1123Label(name).forEach(m -> problems.add("--name '" + name + "' " + m));
    }
    for (String ns : preExistingNamespaces) {
      Names.checkDns1123Label(ns).forEach(m -> problems.add("--pre-existing-namespace '" + ns + "' " + m));
    }
    for (String crd : preExistingCrds) {
      List<String> wrong = new ArrayList<>(Names.checkDns1123Subdomain(crd));
      if (wrong.isEmpty() && !crd.contains(".")) wrong.add("is not <plural>.<group>, such as backups.velero.io");
      wrong.forEach(m -> problems.add("--pre-existing-crd '" + crd + "' " + m));
    }
    if (kubernetesVersion != null) {
      try {
        KubernetesVersion.parse(kubernetesVersion);
      } catch (IllegalArgumentException e) {
        problems.add("--kubernetes-version: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new CliException(ExitCode.USAGE, String.join(System.lineSeparator(), problems));
  }

  /**
   * Loads and plans the spec.
   *
   * @param invalidExitCode the exit code for a spec that does not validate
   * @throws CliException listing every problem when the spec is invalid, or saying why it cannot be loaded
   */
  Plan plan(int invalidExitCode) {
    return plan(load(invalidExitCode), Optional.ofNullable(env), invalidExitCode);
  }

  /**
   * Loads the spec, with the options' name, pre-existing objects, target version and deprecation data.
   *
   * @param invalidExitCode the exit code for a spec that does not validate
   * @throws CliException listing every problem when the spec is invalid, or saying why it cannot be loaded
   */
  ClusterSpec load(int invalidExitCode) {
    check();
    try {
      return targeted(SpecSource.load(spec, Optional.ofNullable(name), preExistingNamespaces, preExistingCrds));
    } catch (SpecValidationException e) {
      throw new CliException(invalidExitCode, describe(e.problems()), e);
    } catch (ScriptException e) {
      throw new CliException(invalidExitCode, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  /**
   * Plans a loaded spec, for one of its environments when {@code environment} names one.
   *
   * @throws CliException with {@link ExitCode#USAGE} naming the spec's environments when it has no such one, or
   *     with {@code invalidExitCode} listing every problem of an invalid spec
   */
  Plan plan(ClusterSpec loaded, Optional<String> environment, int invalidExitCode) {
    try {
      if (environment.isEmpty()) return loaded.plan();
      return loaded.plan(loaded.environment(environment.get()).orElseThrow(() -> new CliException(ExitCode.USAGE,
          "--env '" + environment.get() + "': " + spec + " declares " + (loaded.environments().isEmpty()
              ? "no environments — add them with ClusterSpec.builder().environment(Environment.of(\"laptop\", ...))"
              : "the environments " + loaded.environments().stream().map(e -> e.name())
                  .collect(java.util.stream.Collectors.joining(", ")) + " — pass one of them"))));
    } catch (SpecValidationException e) {
      throw new CliException(invalidExitCode, describe(e.problems()), e);
    }
  }

  /** The spec with the target version and deprecation data the options give. */
  private ClusterSpec targeted(ClusterSpec loaded) {
    if (kubernetesVersion == null && deprecations == null) return loaded;
    ClusterSpec.Builder builder = ClusterSpec.builder().from(loaded);
    if (kubernetesVersion != null) builder.kubernetesVersion(kubernetesVersion);
    if (deprecations != null) {
      try {
        builder.apiDeprecations(ApiDeprecations.read(deprecations));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--deprecations: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private String describe(List<Problem> problems) {
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
