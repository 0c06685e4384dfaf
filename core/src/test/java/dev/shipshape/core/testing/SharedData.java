package dev.shipshape.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the reference data (official Kubernetes schemas, CRDs, conformance suites) that tests read at run time from
 * the {@code shared} folder beside the checkout. The build passes its location as the system property
 * {@code shipshape.shared.dir}; tests that need it are skipped, with a message, where it is absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, when present. */
  public static Optional<Path> root() {
    String configured = System.getProperty("shipshape.shared.dir");
    Path path = configured != null ? Paths.get(configured) : Paths.get("..", "..", "shared");
    return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
  }

  /**
   * A sub-folder or file of the shared folder, such as {@code k8s-reference/openapi-v3}; skips the calling test
   * (JUnit assumption) with a message when it is absent.
   */
  public static Path require(String relative) {
    Optional<Path> root = root();
    assumeTrue(root.isPresent(), () -> "skipped: the shared reference folder is absent (system property"
        + " shipshape.shared.dir = " + System.getProperty("shipshape.shared.dir") + ")");
    Path path = root.get().resolve(relative);
    assumeTrue(Files.exists(path), () -> "skipped: " + relative + " is absent from the shared reference folder");
    return path;
  }
}
