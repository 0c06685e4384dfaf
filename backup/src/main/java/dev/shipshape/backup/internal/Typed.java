package dev.shipshape.backup.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.shipshape.backup.Velero;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads a spec object as its typed model. Components already compile typed objects (a {@code VeleroSchedule} a
 * {@code Schedule}), so those are read as they are; only raw manifests are converted. The result is for reading
 * only: it may be the spec's own object.
 */
final class Typed {
  private Typed() {}

  /**
   * The path of the field that {@link #as} could not read, such as {@code spec.paused}; the whole object
   * ({@code spec}) when Jackson names none.
   */
  static String field(IllegalArgumentException e) {
    return path(e).orElse("spec");
  }

  /** The path, from the value converted, of the field a conversion could not read; empty when Jackson names none. */
  static Optional<String> path(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return Optional.empty();
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : mapping.getPath()) {
      if (r.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
    }
    return Optional.of(path.toString());
  }

  /**
   * The error of an object whose {@code field} does not fit its kind's model: the API server refuses it against
   * Velero's CRD, so its other fields are not checked.
   */
  static Problem misfit(ResourceRef ref, String field) {
    String kind = ref.kind();
    return Problem.error(ref, field, "does not have the type that Velero's " + kind + " CRD gives it, so the API"
        + " server refuses the " + kind + " and its other fields are not checked here", "write the value as the CRD"
        + " types it ('kubectl explain " + kind.toLowerCase(Locale.ROOT) + "s."
        + field.replaceAll("\\[\\d+]", "") + " --api-version=velero.io/v1'"
        + " shows the type), such as true or false, unquoted, for a boolean");
  }

  /**
   * The problems {@code check} finds in every Velero object of {@code kind} of the spec, read as {@code type}, each
   * under the component that produced the object ({@code checkName} for raw YAML); an object that does not fit the
   * model is the one error {@link #misfit} gives.
   */
  static <T extends HasMetadata> List<Problem> eachOfKind(SpecContext context, String kind, Class<T> type,
      String checkName, BiFunction<ResourceRef, T, List<Problem>> check) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata object : context.resources(Velero.GROUP, kind)) {
      ResourceRef ref = ResourceRef.of(object);
      String producer = context.producerOf(ref).orElse(checkName);
      T typed;
      try {
        typed = as(object, type);
      } catch (IllegalArgumentException e) {
        problems.add(misfit(ref, field(e)).inComponent(producer));
        continue;
      }
      check.apply(ref, typed).forEach(p -> problems.add(p.inComponent(producer)));
    }
    return problems;
  }

  /** {@link #as}, or empty when the object does not fit the type (which its CRD's schema then refuses). */
  static <T extends HasMetadata> Optional<T> readable(HasMetadata object, Class<T> type) {
    try {
      return Optional.of(as(object, type));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static <T extends HasMetadata> T as(HasMetadata object, Class<T> type) {
    return type.isInstance(object) ? type.cast(object) : Manifests.convert(object, type);
  }
}
