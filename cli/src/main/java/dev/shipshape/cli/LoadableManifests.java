package dev.shipshape.cli;

import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the Kubernetes objects of manifests can be loaded before a checking command analyzes them, so that
 * every command rejects the objects that {@code plan} cannot load, whichever reader its analyzer uses: an object
 * whose fields do not match its kind's schema (a ConfigMap's {@code data} written as a list), or one without a name.
 * Documents that are not Kubernetes objects at all (no {@code apiVersion} and {@code kind}, YAML that does not
 * parse) are left to the analyzer, which skips them with a warning ({@code reach}) or rejects them.
 */
final class LoadableManifests {
  private LoadableManifests() {}

  /**
   * Checks every object under {@code path}, a manifest file or directory.
   *
   * @throws CliException with {@link ExitCode#INVALID_INPUT} listing every object that cannot be loaded, with the
   *     field and the fix
   */
  static void check(Path path) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata object : ManifestReader.tolerant().generic().read(path).objects()) {
      problems.addAll(problems(object));
    }
    if (!problems.isEmpty()) {
      throw new CliException(ExitCode.INVALID_INPUT, SpecOptions.describe(path + " cannot be loaded", problems));
    }
  }

  private static List<Problem> problems(HasMetadata asWritten) {
    ResourceRef ref = ResourceRef.of(asWritten);
    List<Problem> problems = new ArrayList<>();
    ObjectMeta metadata = asWritten.getMetadata();
    // A generateName alone is no name for plan, which must find the object again.
    if (metadata == null || blank(metadata.getName())) {
      problems.add(Problem.error(ref, "metadata.name", "the object has no name", "add metadata.name: "
          + "Kubernetes needs it to create or find the object"));
    }
    Manifests.typeProblem(asWritten).ifPresent(problems::add);
    return problems;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
