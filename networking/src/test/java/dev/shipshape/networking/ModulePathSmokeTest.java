package dev.shipshape.networking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.networking.policy.NetworkPolicySet;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK on the module path: a consumer module that requires {@code dev.shipshape.networking} (and so reads
 * {@code dev.shipshape.core}) plans a spec and renders its YAML in a module layer of its own, while the engines in
 * internal packages stay out of its reach, both when it is compiled and by reflection.
 */
class ModulePathSmokeTest {
  private static final List<Path> MODULE_PATH = modulePath();
  private static final String MODULE_INFO = """
      module smoke.consumer {
        requires dev.shipshape.networking;
        exports smoke.consumer;
      }
      """;
  private static final String CONSUMER = """
      package smoke.consumer;

      import dev.shipshape.core.ClusterSpec;
      import dev.shipshape.networking.policy.NetworkPolicySet;

      public final class Consumer {
        public static String planYaml() {
          return ClusterSpec.builder().name("smoke")
              .yaml("apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: shop\\n")
              .component(NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns())
              .build().plan().toYaml();
        }

        public static String callInternal(String className, String method) {
          try {
            return String.valueOf(Class.forName(className).getMethod(method).invoke(null));
          } catch (ReflectiveOperationException e) {
            return e.toString();
          }
        }
      }
      """;

  @Test
  void aConsumerModulePlansASpecButCannotCallTheEngines(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    assertThat(compile(dir, classes, CONSUMER)).isEmpty();

    ModuleLayer layer = layer(classes);
    Class<?> consumer = layer.findLoader("smoke.consumer").loadClass("smoke.consumer.Consumer");
    Module sdk = layer.findModule("dev.shipshape.networking").orElseThrow();
    assertThat(sdk.getDescriptor().isAutomatic()).isFalse();
    assertThat(consumer.getModule().canRead(layer.findModule("dev.shipshape.core").orElseThrow())).isTrue();

    // As in a JVM started with --module-path: the context class loader (where fabric8's ServiceLoader looks for
    // model classes) is the modules' loader, not this test's class path.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(consumer.getClassLoader());
    String yaml;
    try {
      yaml = (String) consumer.getMethod("planYaml").invoke(null);
    } finally {
      thread.setContextClassLoader(previous);
    }
    // The same plan as on the class path, byte for byte.
    assertThat(yaml).contains("kind: NetworkPolicy").isEqualTo(ClusterSpec.builder().name("smoke")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
        .component(NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns())
        .build().plan().toYaml());

    assertThat(consumer.getMethod("callInternal", String.class, String.class)
        .invoke(null, "dev.shipshape.networking.reach.internal.Json", "object")).isEqualTo(
        "java.lang.IllegalAccessException: class smoke.consumer.Consumer (in module smoke.consumer) cannot access"
            + " class dev.shipshape.networking.reach.internal.Json (in module dev.shipshape.networking) because"
            + " module dev.shipshape.networking does not export dev.shipshape.networking.reach.internal to module"
            + " smoke.consumer");
  }

  @Test
  void aConsumerModuleThatImportsAnEngineDoesNotCompile(@TempDir Path dir) throws IOException {
    String usesEngine = """
        package smoke.consumer;

        public final class Consumer {
          public static Object parse() {
            return dev.shipshape.core.internal.yaml.YamlReader.read("a: 1", "inline");
          }
        }
        """;

    assertThat(compile(dir, dir.resolve("classes"), usesEngine)).containsExactly(
        "package dev.shipshape.core.internal.yaml is not visible\n  (package dev.shipshape.core.internal.yaml is"
            + " declared in module dev.shipshape.core, which does not export it)");
  }

  /** The error messages of compiling the consumer module against the SDK's module path. */
  private static List<String> compile(Path dir, Path classes, String consumer) throws IOException {
    Path sources = dir.resolve("src/smoke/consumer");
    Files.createDirectories(sources);
    Files.writeString(dir.resolve("src/module-info.java"), MODULE_INFO);
    Files.writeString(sources.resolve("Consumer.java"), consumer);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      // An explicit class path: javac would otherwise take this JVM's, where the SDK's classes are not modules.
      List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
          "--class-path", classes.toString(), "--module-path",
          MODULE_PATH.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
      javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(
          dir.resolve("src/module-info.java"), sources.resolve("Consumer.java"))).call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(null)).collect(Collectors.toList());
  }

  /** A layer with the consumer, the SDK modules and their dependencies, over the platform's modules only. */
  private static ModuleLayer layer(Path consumer) {
    List<Path> entries = new ArrayList<>(MODULE_PATH);
    entries.add(consumer);
    ModuleFinder finder = ModuleFinder.of(entries.toArray(Path[]::new));
    Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), Set.of("smoke.consumer"));
    return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  /**
   * The module path: core's and networking's classes and the modules they need (as resolved from this test's class
   * path, without test classes and test jars, whose packages repeat the modules').
   */
  private static List<Path> modulePath() {
    List<Path> candidates = new ArrayList<>(List.of(classesOf(ClusterSpec.class), classesOf(NetworkPolicySet.class)));
    Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
        .filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().endsWith("-tests.jar"))
        .forEach(candidates::add);
    Configuration sdk = ModuleLayer.boot().configuration().resolve(
        ModuleFinder.of(candidates.toArray(Path[]::new)), ModuleFinder.of(), Set.of("dev.shipshape.networking"));
    return sdk.modules().stream().map(m -> Path.of(m.reference().location().orElseThrow())).sorted()
        .collect(Collectors.toList());
  }

  private static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
