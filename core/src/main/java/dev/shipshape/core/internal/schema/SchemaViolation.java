package dev.shipshape.core.internal.schema;

/**
 * One field of an object that its server's OpenAPI schema does not accept: a field the schema does not declare
 * (what {@code fieldValidation=Strict} reports as {@code unknown field}), a value of the wrong JSON type, a
 * required field that is missing, or a field the schema cannot judge. The path is written as the API server writes it:
 * {@code spec.template.spec.containers[0].imagePullPolicyy}.
 */
public final class SchemaViolation {
  /** What is wrong with the field. */
  public enum Reason {
    UNKNOWN_FIELD,
    WRONG_TYPE,
    MISSING_REQUIRED,
    /**
     * A field under an object whose schema declares no fields and does not preserve unknown ones: a custom resource's
     * structural schema prunes such a field, a built-in {@code RawExtension} keeps it. Only the server can tell.
     */
    UNJUDGED
  }

  private final String path;
  private final Reason reason;
  private final String detail;

  SchemaViolation(String path, Reason reason, String detail) {
    this.path = path;
    this.reason = reason;
    this.detail = detail;
  }

  public String path() {
    return path;
  }

  public Reason reason() {
    return reason;
  }

  /** For a wrong type, what the schema expects ("integer", "string or number"); otherwise empty. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return path + ": " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
