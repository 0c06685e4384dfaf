package dev.shipshape.cli.script;

import dev.shipshape.cli.spi.CliPlugin;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The packages imported into every spec script and shell session, so that scripts need no imports: those the
 * jshell tool imports by default, the SDK's (core's, and those each module's {@link CliPlugin} names) and the
 * fabric8 model packages that specs use most.
 */
public final class SdkImports {
  private static final List<String> JDK_PACKAGES = List.of(
      // What the jshell tool imports by default; the JShell API imports nothing.
      "java.io",
      "java.math",
      "java.net",
      "java.nio.file",
      "java.util",
      "java.util.concurrent",
      "java.util.function",
      "java.util.regex",
      "java.util.stream");
  /** The core module's packages; each module with more adds them through its {@link CliPlugin}. */
  private static final List<String> CORE_PACKAGES = List.of(
      "dev.shipshape.core",
      "dev.shipshape.core.findings",
      "dev.shipshape.core.preflight",
      "dev.shipshape.core.plan",
      "dev.shipshape.core.apply",
      "dev.shipshape.core.embedded",
      "dev.shipshape.core.readiness",
      "dev.shipshape.core.env",
      "dev.shipshape.core.cluster");
  private static final List<String> FABRIC8_PACKAGES = List.of(
      "io.fabric8.kubernetes.api.model",
      "io.fabric8.kubernetes.api.model.apps",
      "io.fabric8.kubernetes.api.model.batch.v1",
      "io.fabric8.kubernetes.api.model.policy.v1",
      "io.fabric8.kubernetes.api.model.rbac",
      "io.fabric8.kubernetes.api.model.networking.v1",
      "io.fabric8.kubernetes.api.model.autoscaling.v2",
      "io.fabric8.kubernetes.client");

  private SdkImports() {}

  /**
   * {@code import p.*;} for the JDK packages, and for each SDK package that has classes on {@code classPath} (as
   * the compiler sees it: a package holding only {@code package-info} does not exist for an import).
   */
  public static List<String> statements(String classPath) {
    try (StandardJavaFileManager files = ToolProvider.getSystemJavaCompiler()
        .getStandardFileManager(null, null, null)) {
      return statements(files, classPath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path " + classPath, e);
    }
  }

  /** Like {@link #statements(String)}, with {@code files} set to read {@code classPath} and left open. */
  static List<String> statements(StandardJavaFileManager files, String classPath) {
    try {
      files.setLocation(StandardLocation.CLASS_PATH, Arrays.stream(classPath.split(File.pathSeparator))
          .filter(entry -> !entry.isEmpty()).map(File::new).collect(Collectors.toList()));
      List<String> imports = JDK_PACKAGES.stream().map(SdkImports::statement).collect(Collectors.toList());
      for (String pkg : sdkPackages()) {
        Iterable<JavaFileObject> classes = files.list(StandardLocation.CLASS_PATH, pkg,
            Set.of(JavaFileObject.Kind.CLASS), false);
        if (StreamSupport.stream(classes.spliterator(), false)
            .anyMatch(c -> !Path.of(c.getName()).getFileName().toString().startsWith("package-info"))) {
          imports.add(statement(pkg));
        }
      }
      return imports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path " + classPath, e);
    }
  }

  /** The packages that may be imported, as text: what the imports of a class path depend on besides it. */
  static String candidates() {
    return String.join(",", JDK_PACKAGES) + ";" + String.join(",", sdkPackages());
  }

  /** Core's packages, then those of the modules' plug-ins (in the order of their class names), then fabric8's. */
  private static List<String> sdkPackages() {
    Set<String> packages = new LinkedHashSet<>(CORE_PACKAGES);
    ServiceLoader.load(CliPlugin.class, SdkImports.class.getClassLoader()).stream()
        .sorted(Comparator.comparing(p -> p.type().getName()))
        .forEach(p -> packages.addAll(p.get().scriptImports()));
    packages.addAll(FABRIC8_PACKAGES);
    return List.copyOf(packages);
  }

  private static String statement(String pkg) {
    return "import " + pkg + ".*;";
  }
}
