package dev.shipshape.cli.script;

import java.lang.reflect.Field;
import java.util.Optional;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Runs snippets in this JVM, and keeps the object of the last variable JShell asked for, so that the CLI reads the
 * script's {@code spec} as an object rather than as the text JShell would show.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
  private Object lastValue;

  CapturingExecutionControl(ClassLoader parent) {
    super(new ScriptLoaderDelegate(parent));
  }

  @Override
  public String varValue(String className, String varName) throws InternalException {
    try {
      Field field = findClass(className).getDeclaredField(varName);
      field.setAccessible(true);
      Object value = field.get(null);
      synchronized (this) {
        lastValue = value;
      }
      return value == null ? "null" : value.getClass().getName();
    } catch (ReflectiveOperationException e) {
      throw new InternalException("cannot read variable " + varName + ": " + e);
    }
  }

  /** The value of the variable last read through {@link #varValue}. */
  synchronized Optional<Object> lastValue() {
    return Optional.ofNullable(lastValue);
  }
}
