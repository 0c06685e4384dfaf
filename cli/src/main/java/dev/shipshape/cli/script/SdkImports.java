package dev.shipshape.cli.script;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The packages imported into every spec script and shell session, so that scripts need no imports: those the
 * jshell tool imports by default, the SDK's packages and the fabric8 model packages that specs use most.
 */
public final class SdkImports {
  private static final List<String> PACKAGES = List.of(
      // What the jshell tool imports by default; the JShell API imports nothing.
      "java.io",
      "java.math",
      "java.net",
      "java.nio.file",
      "java.util",
      "java.util.concurrent",
      "java.util.function",
      "java.util.regex",
      "java.util.stream",
      "dev.shipshape.core",
      "dev.shipshape.core.plan",
      "dev.shipshape.core.apply",
      "dev.shipshape.core.embedded",
      "dev.shipshape.networking",
      "dev.shipshape.security",
      "dev.shipshape.storage",
      "dev.shipshape.backup",
      "io.fabric8.kubernetes.api.model",
      "io.fabric8.kubernetes.api.model.apps",
      "io.fabric8.kubernetes.api.model.batch.v1",
      "io.fabric8.kubernetes.api.model.policy.v1",
      "io.fabric8.kubernetes.api.model.rbac",
      "io.fabric8.kubernetes.api.model.networking.v1",
      "io.fabric8.kubernetes.api.model.autoscaling.v2",
      "io.fabric8.kubernetes.client");

  private SdkImports() {}

  /** {@code import p.*;} for each package, in order. */
  public static List<String> statements() {
    return PACKAGES.stream().map(p -> "import " + p + ".*;").collect(Collectors.toList());
  }

  /**
   * The statements of {@link #statements()} whose package {@code loader} can see (an SDK module still without
   * classes is left out); JDK packages are always kept.
   */
  public static List<String> available(ClassLoader loader) {
    return PACKAGES.stream()
        .filter(p -> p.startsWith("java.") || loader.getResource(p.replace('.', '/')) != null)
        .map(p -> "import " + p + ".*;").collect(Collectors.toList());
  }
}
