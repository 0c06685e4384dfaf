package dev.shipshape.cli.script;

import dev.shipshape.core.ClusterSpec;
import java.util.Map;
import java.util.Optional;

/**
 * What a spec script produced: its {@code spec}, and the values of its top-level variables at its end, such as a
 * release a command runs.
 *
 * @param spec the value of {@code spec}
 * @param variables every top-level variable by name (null values included)
 */
public record ScriptResult(ClusterSpec spec, Map<String, Object> variables) {
  public ScriptResult {
    variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
  }

  /** The value of a variable, when the script declares it and it is not null. */
  public Optional<Object> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
