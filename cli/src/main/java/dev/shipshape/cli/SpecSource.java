package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ManifestException;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the SPEC argument into a {@link ClusterSpec}: a {@code .jsh} script is run and must assign {@code spec};
 * a YAML/JSON file, or a directory of them, becomes a spec of raw resources named after the file or directory.
 */
final class SpecSource {
  private static final int MAX_NAME = 63;

  private SpecSource() {}

  /**
   * Loads the spec. Validation errors of the spec itself ({@code SpecValidationException}, or a script whose
   * spec the SDK rejected) propagate; everything else that stops loading is a {@link CliException}.
   */
  static ClusterSpec load(Path path, Optional<String> name, List<String> preExistingNamespaces,
      List<String> preExistingCrds) {
    requireExists(path);
    ClusterSpec spec = isScript(path) ? runScript(path) : readYaml(path, name.orElse(null));
    if (name.isEmpty() && preExistingNamespaces.isEmpty() && preExistingCrds.isEmpty()) return spec;
    ClusterSpec.Builder builder = ClusterSpec.builder().from(spec);
    name.ifPresent(builder::name);
    preExistingNamespaces.forEach(builder::preExistingNamespace);
    preExistingCrds.forEach(builder::preExistingCrd);
    return builder.build();
  }

  /**
   * Checks that the SPEC argument exists: cheap, so that commands can check it before they contact a cluster.
   *
   * @throws CliException with {@link ExitCode#INVALID_INPUT} when it does not
   */
  static void requireExists(Path path) {
    if (!Files.exists(path)) {
      throw new CliException(ExitCode.INVALID_INPUT, path + " does not exist — pass a .jsh script, a YAML file or "
          + "a directory of YAML files");
    }
  }

  /** True for a regular file named {@code *.jsh}, which is run as a spec script rather than read as YAML. */
  static boolean isScript(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsh");
  }

  private static ClusterSpec runScript(Path script) {
    return runScriptWithVariables(script).spec();
  }

  /**
   * Runs a spec script and returns its spec and variables. A spec the SDK rejected propagates as a
   * {@link ScriptException} of kind {@code INVALID_SPEC}; everything else that stops it is a {@link CliException}.
   */
  static dev.shipshape.cli.script.ScriptResult runScriptWithVariables(Path script) {
    if (!Files.exists(script)) {
      throw new CliException(ExitCode.INVALID_INPUT, script + " does not exist — pass a .jsh script");
    }
    try {
      return ScriptEvaluator.create().evaluateWithVariables(script);
    } catch (ScriptException e) {
      if (e.kind() == ScriptException.Kind.INVALID_SPEC) throw e;
      throw new CliException(ExitCode.INVALID_INPUT, e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, "cannot read " + script + ": " + e.getCause().getMessage()
          + " — check the path and its permissions", e);
    }
  }

  private static ClusterSpec readYaml(Path path, String explicitName) {
    if (Files.isRegularFile(path) && !Manifests.isManifestFile(path)) {
      throw new CliException(ExitCode.INVALID_INPUT, path + " is neither a .jsh script nor a .yaml, .yml or .json "
          + "manifest — pass a spec script, a manifest file or a directory of manifests");
    }
    String name = explicitName != null ? explicitName : nameFor(path);
    List<HasMetadata> objects;
    try {
      objects = Manifests.read(path);
    } catch (ManifestException e) {
      // The spec holds the documents that could be read; planning lists the others with every other problem.
      return ClusterSpec.builder().name(name).yamlFile(path).build();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, e.getMessage() + " — fix the manifest", e);
    }
    if (objects.isEmpty()) {
      throw new CliException(ExitCode.INVALID_INPUT, path + " holds no Kubernetes objects — add manifests "
          + "(*.yaml, *.yml, *.json) or pass another path");
    }
    return ClusterSpec.builder().name(name).resource(objects.toArray(HasMetadata[]::new)).build();
  }

  /**
   * A DNS-1123 label from a file or directory name: lower case, runs of other characters replaced by '-', at most
   * 63 characters, {@code manifests} when nothing is left.
   */
  static String nameFor(Path path) {
    Path fileName = path.toAbsolutePath().normalize().getFileName();
    String raw = fileName == null ? "" : fileName.toString();
    if (Files.isRegularFile(path)) raw = raw.replaceFirst("\\.(ya?ml|json)$", "");
    String label = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (label.length() > MAX_NAME) label = label.substring(0, MAX_NAME).replaceAll("-+$", "");
    return label.isEmpty() ? "manifests" : label;
  }
}
