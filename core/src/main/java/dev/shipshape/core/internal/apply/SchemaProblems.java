package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.internal.schema.CrdSchemas;
import dev.shipshape.core.internal.schema.SchemaViolation;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.core.plan.PlannedResource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An object checked against the OpenAPI schema its server publishes for its kind, or that a CustomResourceDefinition
 * of the plan declares for it, as problems worded like the server's own strict field validation answers
 * ({@link Rejection}).
 */
final class SchemaProblems {
  private SchemaProblems() {}

  /**
   * The problems of the object as it is sent; empty when the schema cannot judge it and the server must (a dry run):
   * its kind has no published schema, a required field is missing (the published {@code required} only says that
   * a field has no {@code omitempty}; the server's own validation, and a CRD's defaults, decide whether it may be
   * left out), or a field sits where only the server knows whether it is kept.
   */
  static Optional<List<Problem>> of(PlannedResource r, JsonNode desired, ServerSchemas.Loaded schemas) {
    String typeName = r.apiVersion() + " " + r.ref().kind();
    return schemas.check(r.apiVersion(), r.ref().kind(), desired)
        .filter(violations -> violations.stream().noneMatch(SchemaProblems::forTheServer))
        .map(violations -> violations.stream().map(v -> problem(r, "the server's schema of " + typeName, v,
            Rejection.fixUnknown(typeName))).collect(Collectors.toList()));
  }

  /**
   * The problems that the schema of {@code crd}, a CustomResourceDefinition of the plan that the server does not
   * serve as planned yet, finds for sure in the object as it is sent: unknown fields and values of the wrong type (a
   * missing required field may get a default, and a field under an object without declared fields is the server's
   * to judge). None when the CRD declares no schema for the object's version.
   */
  static List<Problem> ofDefinition(PlannedResource r, JsonNode desired, PlannedResource crd) {
    String version = r.apiVersion().substring(r.apiVersion().indexOf('/') + 1);
    String schema = "the schema of " + r.apiVersion() + " " + r.ref().kind() + " in CustomResourceDefinition "
        + crd.ref().name() + " of this plan";
    String fix = "correct the field's name or remove it, or declare it in the CustomResourceDefinition's schema";
    return CrdSchemas.check(Manifests.toTree(crd.object()), version, desired).orElse(List.of()).stream()
        .filter(v -> !forTheServer(v)).map(v -> problem(r, schema, v, fix)).collect(Collectors.toList());
  }

  private static boolean forTheServer(SchemaViolation v) {
    return v.reason() == SchemaViolation.Reason.MISSING_REQUIRED || v.reason() == SchemaViolation.Reason.UNJUDGED;
  }

  private static Problem problem(PlannedResource r, String schema, SchemaViolation v, String fixUnknown) {
    switch (v.reason()) {
      case UNKNOWN_FIELD:
        return Problem.error(r.ref(), v.path(), "unknown field: " + schema + " declares no such field", fixUnknown);
      case WRONG_TYPE:
        return Problem.error(r.ref(), v.path(), "wrong type: " + schema + " expects " + article(v.detail())
            + " here", "write the value as " + article(v.detail()));
      default:
        throw new IllegalArgumentException("left to the server: " + v);
    }
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
  }
}
