package dev.shipshape.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One thing wrong (or suspicious) in a spec: where it is (component, resource, field), what is wrong and how to
 * fix it. Problems never contain Secret values.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Problem {

  public abstract ProblemSeverity severity();

  /** The component that produced the resource, or that reported the problem. */
  public abstract Optional<String> component();

  public abstract Optional<ResourceRef> resource();

  /** The field path inside the resource, such as {@code spec.template.spec.serviceAccountName}. */
  public abstract Optional<String> field();

  /** What is wrong. */
  public abstract String message();

  /** How to fix it. */
  public abstract String fix();

  public static Builder builder() {
    return ImmutableProblem.builder();
  }

  /** An error about a field of a resource. */
  public static Problem error(ResourceRef resource, String field, String message, String fix) {
    return builder().severity(ProblemSeverity.ERROR).resource(resource).field(field).message(message).fix(fix).build();
  }

  /** A warning about a field of a resource. */
  public static Problem warning(ResourceRef resource, String field, String message, String fix) {
    return builder().severity(ProblemSeverity.WARNING).resource(resource).field(field).message(message).fix(fix).build();
  }

  /** This problem attributed to {@code componentName}, unless it already names a component. */
  public Problem inComponent(String componentName) {
    return component().isPresent() ? this : builder().from(this).component(componentName).build();
  }

  public boolean isError() {
    return severity() == ProblemSeverity.ERROR;
  }

  /**
   * {@code {"severity": "ERROR", "component": …, "resource": "Kind.group ns/name", "field": …, "message": …,
   * "fix": …}}; absent optional attributes are left out.
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("severity", severity().name());
    component().ifPresent(c -> json.put("component", c));
    resource().ifPresent(r -> json.put("resource", r.toString()));
    field().ifPresent(f -> json.put("field", f));
    return json.put("message", message()).put("fix", fix());
  }

  /** One line: {@code ERROR [component] Kind ns/name field: message — fix}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(severity().name());
    component().ifPresent(c -> line.append(" [").append(c).append(']'));
    resource().ifPresent(r -> line.append(' ').append(r));
    field().ifPresent(f -> line.append(' ').append(f));
    return line.append(": ").append(message()).append(" — ").append(fix()).toString();
  }

  /** Builds {@link Problem}s. */
  public interface Builder {
    /** Starts from every attribute of {@code problem}. */
    Builder from(Problem problem);

    Builder severity(ProblemSeverity severity);

    Builder component(String component);

    Builder component(Optional<String> component);

    Builder resource(ResourceRef resource);

    Builder resource(Optional<? extends ResourceRef> resource);

    Builder field(String field);

    Builder field(Optional<String> field);

    Builder message(String message);

    Builder fix(String fix);

    Problem build();
  }
}
