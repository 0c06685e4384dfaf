package dev.shipshape.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.VeleroSchedule;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spec scripts import the backup packages by wildcard next to the packages JShell imports by default and fabric8's
 * model packages: a public type of the same simple name in two of them makes every use of the name ambiguous.
 */
class ScriptImportNamesTest {
  /** JShell's default imports, {@code java.lang}, and the fabric8 packages spec scripts import. */
  private static final List<String> IMPORTED_ALONGSIDE = List.of("java.lang", "java.io", "java.math", "java.net",
      "java.nio.file", "java.util", "java.util.concurrent", "java.util.function", "java.util.prefs",
      "java.util.regex", "java.util.stream", "io.fabric8.kubernetes.api.model", "io.fabric8.kubernetes.api.model.apps",
      "io.fabric8.kubernetes.api.model.batch.v1", "io.fabric8.kubernetes.api.model.policy.v1",
      "io.fabric8.kubernetes.api.model.rbac", "io.fabric8.kubernetes.api.model.networking.v1",
      "io.fabric8.kubernetes.api.model.autoscaling.v2", "io.fabric8.kubernetes.client");

  @Test
  void noScriptImportedTypeSharesItsNameWithAnotherImportedOne() throws Exception {
    List<String> collisions = new ArrayList<>();
    for (String pkg : new BackupCliPlugin().scriptImports()) {
      for (Class<?> type : publicTypes(pkg)) {
        for (String other : IMPORTED_ALONGSIDE) {
          if (exists(other + "." + type.getSimpleName())) {
            collisions.add(type.getName() + " and " + other + "." + type.getSimpleName());
          }
        }
      }
    }
    assertThat(collisions).isEmpty();
  }

  private static List<Class<?>> publicTypes(String pkg) throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path classes = Path.of(VeleroSchedule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) continue;
        Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()), false,
            ScriptImportNamesTest.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) types.add(type);
      }
    }
    assertThat(types).as("public types of " + pkg).isNotEmpty();
    return types;
  }

  private static boolean exists(String name) {
    try {
      Class.forName(name, false, ScriptImportNamesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
