package dev.shipshape.cli.spi;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The SPEC argument and the options that adjust the spec, as a picocli mixin: shared by plan, render, diff and
 * apply, and by plug-in commands that plan a spec with {@link CliContext#plan}.
 */
public class SpecArguments {

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec script (*.jsh) that assigns a ClusterSpec to "
      + "a variable named 'spec', or a Kubernetes manifest file (*.yaml, *.yml, *.json) or a directory of them.")
  private Path spec;

  @Option(names = "--name", paramLabel = "NAME", description = "The spec's name, a DNS label; it names the ApplySet "
      + "that tracks what was applied. By default, the name the script gives, or the manifest file or directory "
      + "name.")
  private String name;

  @Option(names = "--pre-existing-namespace", paramLabel = "NS", description = "A namespace that exists on the "
      + "cluster although the spec does not create it; repeat for several. Without it, objects in a namespace the "
      + "spec does not create are errors.")
  private List<String> preExistingNamespaces = new ArrayList<>();

  @Option(names = "--pre-existing-crd", paramLabel = "NAME", description = "A CustomResourceDefinition "
      + "(<plural>.<group>, such as backups.velero.io) that exists on the cluster although the spec does not create "
      + "it; repeat for several. Without it, custom resources of kinds the spec defines no CRD for are warned about.")
  private List<String> preExistingCrds = new ArrayList<>();

  @Option(names = "--kubernetes-version", paramLabel = "V", description = "The Kubernetes version to plan for, such "
      + "as 1.33; objects whose apiVersion it no longer serves are errors, deprecated ones warnings. By default, the "
      + "spec's, or for manifests the newest version the SDK knows.")
  private String kubernetesVersion;

  @Option(names = "--env", paramLabel = "NAME", description = "Plan the spec for its environment NAME (such as "
      + "laptop or production): the spec with that environment's overrides (replicas, resources, storage classes, "
      + "hosts, Pod Security level, mTLS mode, ...), everything else identical. By default, the spec as it is.")
  private String env;

  @Option(names = "--deprecations", paramLabel = "FILE", description = "A newer file of deprecated and removed API "
      + "versions in Pluto's versions.yaml format, instead of the SDK's bundled data.")
  private Path deprecations;

  public Path spec() {
    return spec;
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public List<String> preExistingNamespaces() {
    return List.copyOf(preExistingNamespaces);
  }

  public List<String> preExistingCrds() {
    return List.copyOf(preExistingCrds);
  }

  public Optional<String> kubernetesVersion() {
    return Optional.ofNullable(kubernetesVersion);
  }

  /** The environment of {@code --env} to plan the spec for; empty for the spec as it is. */
  public Optional<String> env() {
    return Optional.ofNullable(env);
  }

  public Optional<Path> deprecations() {
    return Optional.ofNullable(deprecations);
  }

  /**
   * Checks the options' values before any work starts.
   *
   * @throws CliException with {@link ExitCode#USAGE} listing every invalid value
   */
  public void check() {
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
}
