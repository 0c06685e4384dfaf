package dev.shipshape.core.internal.apply;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.internal.schema.SchemaViolation;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An object checked against the OpenAPI schema its server publishes for its kind, as problems worded like the
 * server's own strict field validation answers ({@link Rejection}).
 */
final class SchemaProblems {
  private SchemaProblems() {}

  /** The problems of the object as it is sent; empty when the server publishes no schema for its kind. */
  static Optional<List<Problem>> of(PlannedResource r, GenericKubernetesResource desired,
      ServerSchemas.Loaded schemas) {
    String typeName = r.apiVersion() + " " + r.ref().kind();
    return schemas.check(r.apiVersion(), r.ref().kind(), Manifests.toTree(desired))
        .map(violations -> violations.stream().map(v -> problem(r, typeName, v)).collect(Collectors.toList()));
  }

  private static Problem problem(PlannedResource r, String typeName, SchemaViolation v) {
    switch (v.reason()) {
      case UNKNOWN_FIELD:
        return Problem.error(r.ref(), v.path(), Rejection.unknownField(typeName), Rejection.fixUnknown(typeName));
      case WRONG_TYPE:
        return Problem.error(r.ref(), v.path(), "wrong type: the server's schema of " + typeName + " expects "
            + article(v.detail()) + " here", "write the value as " + article(v.detail()));
      default:
        return Problem.error(r.ref(), v.path(), "required field missing: the server's schema of " + typeName
            + " requires it", "set it (kubectl explain lists the fields of " + typeName + ")");
    }
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
  }
}
