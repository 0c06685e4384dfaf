package dev.shipshape.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader over this JVM's class path that defines the classes itself (the JDK's stay with its loaders) and
 * records the name of every class resolved through it, so that a test can run the command line as a fresh JVM
 * would and see which classes it needed.
 */
final class ClassLoadingProbe extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Set<String> requested = ConcurrentHashMap.newKeySet();

  ClassLoadingProbe() {
    super(classPath(), ClassLoader.getSystemClassLoader());
  }

  /** The names of the classes resolved through this loader so far. */
  Set<String> requested() {
    return Set.copyOf(requested);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    requested.add(name);
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException e) {
          // Not on the class path: the JDK's (java.*, javax.tools, jdk.jshell, ...).
          loaded = getParent().loadClass(name);
        }
      }
      if (resolve) resolveClass(loaded);
      return loaded;
    }
  }

  private static URL[] classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty()).map(entry -> {
          try {
            return new File(entry).toURI().toURL();
          } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
          }
        }).toArray(URL[]::new);
  }
}
