package dev.shipshape.cli.script;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Loads snippet classes into a {@link ScriptClassLoader} whose parent is a class loader of our choosing. */
final class ScriptLoaderDelegate implements LoaderDelegate {
  private final ScriptClassLoader loader;
  private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

  ScriptLoaderDelegate(ClassLoader parent) {
    this.loader = new ScriptClassLoader(parent);
  }

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException {
    boolean[] installed = new boolean[classes.length];
    for (ClassBytecodes c : classes) loader.declare(c.name(), c.bytecodes());
    for (int i = 0; i < classes.length; i++) {
      try {
        loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
        installed[i] = true;
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
      }
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] classes) {
    for (ClassBytecodes c : classes) loader.declare(c.name(), c.bytecodes());
  }

  @Override
  public void addToClasspath(String path) throws InternalException {
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      try {
        loader.addURL(Path.of(entry).toUri().toURL());
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new InternalException("not a class path entry: " + entry);
      }
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> snippetClass = loaded.get(name);
    if (snippetClass == null) throw new ClassNotFoundException(name + " is not a loaded snippet class");
    return snippetClass;
  }
}
