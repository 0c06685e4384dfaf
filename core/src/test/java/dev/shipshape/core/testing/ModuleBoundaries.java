package dev.shipshape.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The module boundary of a module, checked on its compiled descriptor ({@code module-info.class}): every package
 * that holds a public type and is not an {@code …internal} package is exported to everyone, and no {@code internal}
 * package is exported (not even to named modules) or opened to everyone. Together with {@link ApiBoundaries}, which
 * keeps internal types out of the exported signatures, this makes the engines unreachable for module-path users.
 *
 * <pre>{@code
 * assertThat(ModuleBoundaries.violations(NetworkPolicySet.class)).isEmpty();
 * }</pre>
 */
public final class ModuleBoundaries {
  private ModuleBoundaries() {}

  /**
   * The violations of the module whose classes {@code anchor} was loaded from (a module's {@code target/classes}),
   * sorted; a missing descriptor is one violation.
   */
  public static List<String> violations(Class<?> anchor) {
    Path root = ApiBoundaries.location(anchor);
    Path info = root.resolve("module-info.class");
    if (!Files.isRegularFile(info)) {
      return List.of(root + " has no module-info.class: add src/main/java/module-info.java");
    }
    Set<String> packages = new TreeSet<>();
    Set<String> publicPackages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String binaryName = root.relativize(file).toString().replace('\\', '/');
        if (!binaryName.contains("/")) continue; // module-info.class
        String className = binaryName.substring(0, binaryName.length() - ".class".length()).replace('/', '.');
        String packageName = className.substring(0, className.lastIndexOf('.'));
        packages.add(packageName);
        if (isPublicTopLevel(className, anchor.getClassLoader())) publicPackages.add(packageName);
      }
      try (InputStream in = Files.newInputStream(info)) {
        return violations(ModuleDescriptor.read(in, () -> packages), publicPackages);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The violations of {@code descriptor}, given the packages of the module that hold a public top-level type,
   * sorted.
   */
  public static List<String> violations(ModuleDescriptor descriptor, Set<String> publicPackages) {
    String module = "module " + descriptor.name();
    Set<String> found = new TreeSet<>();
    if (descriptor.isOpen()) {
      found.add(module + " is open, which opens its internal packages to deep reflection by everyone: declare it"
          + " 'module', and open only the packages a library must reflect on with 'opens <package> to <module>'");
    }
    Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified()).map(Exports::source)
        .collect(Collectors.toSet());
    for (String p : publicPackages) {
      if (!isInternal(p) && !exported.contains(p)) {
        found.add(module + " does not export " + p + ", which holds public types: add 'exports " + p + ";' to"
            + " its module-info.java, or move the types to an internal package if they are not API");
      }
    }
    for (Exports e : descriptor.exports()) {
      if (isInternal(e.source())) {
        found.add(module + " exports " + e.source() + (e.isQualified() ? " to " + e.targets() : "")
            + ", an internal package: remove the 'exports' (other modules must not use engines)");
      }
    }
    for (Opens o : descriptor.opens()) {
      if (isInternal(o.source()) && !o.isQualified()) {
        found.add(module + " opens " + o.source() + " to everyone, an internal package: open it only to the"
            + " module that reflects on it ('opens " + o.source() + " to <module>;')");
      }
    }
    return new ArrayList<>(found);
  }

  private static boolean isInternal(String packageName) {
    return (packageName + ".").contains(".internal.");
  }

  private static boolean isPublicTopLevel(String className, ClassLoader loader) {
    if (className.contains("$")) return false;
    try {
      return Modifier.isPublic(Class.forName(className, false, loader).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot read " + className + " to see whether it is public", e);
    }
  }
}
