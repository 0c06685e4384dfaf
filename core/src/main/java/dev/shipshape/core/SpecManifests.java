package dev.shipshape.core;

import java.util.function.Supplier;

/**
 * Manifests given to a {@link ClusterSpec.Builder}: the objects a strict read accepts; when it refuses documents,
 * the objects of the others, and each refused document as an error that planning reports with every other problem.
 */
final class SpecManifests {
  /** How messages name a text given to {@link ClusterSpec.Builder#yaml}. */
  static final String TEXT = "manifest";

  private SpecManifests() {}

  static ImmutableClusterSpec.Builder add(ImmutableClusterSpec.Builder builder, Supplier<ManifestRead> strict,
      Supplier<ManifestRead> tolerant) {
    try {
      return builder.addAllRawObjects(strict.get().objects());
    } catch (ManifestException e) {
      builder.addAllRawObjects(tolerant.get().objects());
      e.problems().forEach(problem -> builder.addManifestProblems(problem(problem)));
      return builder;
    }
  }

  /** A reader's problem, {@code "where: what — fix"}, as an error of the spec. */
  private static Problem problem(String line) {
    int dash = line.lastIndexOf(" — ");
    return Problem.builder().severity(ProblemSeverity.ERROR)
        .message(dash < 0 ? line : line.substring(0, dash))
        .fix(dash < 0 ? "fix the manifest" : line.substring(dash + 3)).build();
  }
}
