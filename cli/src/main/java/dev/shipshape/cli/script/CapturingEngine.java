package dev.shipshape.cli.script;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine with a class loader parent of our choosing and a way to read a variable's
 * object. One engine serves one {@link JShell} instance.
 */
final class CapturingEngine implements ExecutionControlProvider {
  private final ClassLoader parent;
  private CapturingExecutionControl control;

  CapturingEngine(ClassLoader parent) {
    this.parent = Objects.requireNonNull(parent, "parent == null");
  }

  @Override
  public String name() {
    return "shipshape-local";
  }

  @Override
  public synchronized ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    control = new CapturingExecutionControl(parent);
    return control;
  }

  /** The object a variable holds; empty when it holds {@code null}. */
  Optional<Object> valueOf(JShell shell, VarSnippet variable) {
    shell.varValue(variable);
    synchronized (this) {
      return control.lastValue();
    }
  }
}
