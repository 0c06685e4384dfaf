package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.internal.schema.CrdSchema;
import dev.shipshape.core.internal.schema.SchemaViolation;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.core.plan.PlannedResource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
   * The problems that {@code schema}, of the object's version in CustomResourceDefinition {@code crdName} of the
   * plan (which the server does not serve as planned yet), finds for sure in the object as it is sent: unknown
   * fields and values of the wrong type (a missing required field may get a default, and a field under an object
   * without declared fields is the server's to judge). A version the CRD does not serve is a problem of its own.
   */
  static List<Problem> definiteByDefinition(PlannedResource r, JsonNode desired, String crdName,
      Optional<CrdSchema> schema) {
    if (schema.isEmpty()) return List.of(versionNotServed(r, crdName));
    return byDefinition(r, schema.get().check(desired).stream().filter(v -> !forTheServer(v)), crdName);
  }

  /**
   * The problems that {@code schema}, of the object's version in CustomResourceDefinition {@code crdName} of the
   * plan, finds in the object as it is sent, judged as {@link #of} judges by the server's published schema (which
   * lags behind a CRD that changed a moment ago, and publishes nothing for one that is new): empty when the server
   * must judge.
   */
  static Optional<List<Problem>> ofDefinition(PlannedResource r, JsonNode desired, String crdName,
      Optional<CrdSchema> schema) {
    if (schema.isEmpty()) return Optional.of(List.of(versionNotServed(r, crdName)));
    List<SchemaViolation> violations = schema.get().check(desired);
    if (violations.stream().anyMatch(SchemaProblems::forTheServer)) return Optional.empty();
    return Optional.of(byDefinition(r, violations.stream(), crdName));
  }

  private static List<Problem> byDefinition(PlannedResource r, Stream<SchemaViolation> violations, String crdName) {
    String described = "the schema of " + r.apiVersion() + " " + r.ref().kind() + " in CustomResourceDefinition "
        + crdName;
    String fix = "correct the field's name or remove it, or declare it in the CustomResourceDefinition's schema";
    return violations.map(v -> problem(r, described, v, fix)).collect(Collectors.toList());
  }

  /** The object's version is not one that its CustomResourceDefinition {@code crdName} serves. */
  static Problem versionNotServed(PlannedResource r, String crdName) {
    return Problem.error(r.ref(), "apiVersion", "CustomResourceDefinition " + crdName + " does not serve version "
        + r.version() + " of " + r.ref().kind(), "write the object in a version the CustomResourceDefinition "
        + "serves, or add " + r.version() + " to its spec.versions with served: true");
  }

  private static boolean forTheServer(SchemaViolation v) {
    return v.reason() == SchemaViolation.Reason.MISSING_REQUIRED || v.reason() == SchemaViolation.Reason.UNJUDGED;
  }

  private static Problem problem(PlannedResource r, String schema, SchemaViolation v, String fixUnknown) {
    switch (v.reason()) {
      case UNKNOWN_FIELD:
        return Problem.error(r.ref(), v.path(), Rejection.unknownFieldOf(schema), fixUnknown);
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
