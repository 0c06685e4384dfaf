package dev.shipshape.cli.script;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes compiled from a spec script. Its parent is the loader of the CLI itself, so a
 * script's {@code ClusterSpec} is the very class the CLI reads back, whether the CLI runs from the shaded jar, from
 * {@code target/classes} in tests, or inside another application.
 */
final class ScriptClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

  ScriptClassLoader(ClassLoader parent) {
    super(new URL[0], parent);
  }

  /** Remembers the bytecode of a snippet class; it is defined on first use. */
  void declare(String binaryName, byte[] bytecode) {
    pending.put(binaryName, bytecode);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytecode = pending.get(name);
    if (bytecode == null) return super.findClass(name);
    return defineClass(name, bytecode, 0, bytecode.length);
  }
}
