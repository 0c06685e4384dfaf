package dev.shipshape.core.internal.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The problems in an API server's answer to a dry-run write that belong to the object itself, whatever else the
 * plan holds: fields its schema does not declare or that appear twice (strict field validation), invalid values
 * (422 with one cause per field), and fields owned by other field managers (409). Other answers (forbidden,
 * not found, admission webhooks) depend on the cluster and are left to the write to report.
 */
final class Rejection {
  /** {@code strict decoding error: unknown field "spec.replicass", duplicate field "x"} (create, update, patch). */
  private static final Pattern STRICT = Pattern.compile("(unknown|duplicate) field \"((?:[^\"\\\\]|\\\\.)*)\"");
  /**
   * {@code failed to create typed patch object (ns/name; apps/v1, Kind=Deployment): .spec.replicass: field not
   * declared in schema}: server-side apply refuses unknown fields whatever the field validation asked (500).
   */
  private static final Pattern UNDECLARED = Pattern.compile("typed patch object \\([^)]*\\): (\\S+): field not "
      + "declared in schema");

  /**
   * What the API server says of a field an update may not change: {@code field is immutable} (a Deployment's
   * selector, a Job's template), {@code updates to parameters are forbidden} (a StorageClass), {@code spec is
   * immutable after creation} (a claim).
   */
  private static final Pattern FIXED = Pattern.compile(
      "is immutable|updates to .* (are|is) forbidden|cannot change|may not change");
  static final String FIXED_FIELD = "this field cannot change on a live object: keep the live value in the spec, or"
      + " delete the object and apply again to create it anew (what was made from the old object, such as volumes"
      + " of a StorageClass or pods of a Job, keeps the old settings; deleting a PersistentVolumeClaim or"
      + " PersistentVolume can delete its data, and a StatefulSet is deleted with --cascade=orphan to keep its"
      + " pods)";

  private Rejection() {}

  private static boolean fixed(String message) {
    return FIXED.matcher(message).find();
  }

  /** Empty when the answer says nothing about the object's own fields. */
  static Optional<List<Problem>> problems(ResourceRef ref, String typeName, KubernetesClientException error,
      UnaryOperator<String> redact) {
    Status status = error.getStatus();
    String message = status != null && status.getMessage() != null ? status.getMessage() : "";
    List<Problem> problems = new ArrayList<>();
    if (message.contains("strict decoding error")) {
      // A create answers 400, a merge patch 422 with the whole patched object quoted (Secret values too): only
      // the field names are taken from it.
      Matcher strict = STRICT.matcher(message);
      while (strict.find()) {
        boolean unknown = strict.group(1).equals("unknown");
        problems.add(Problem.error(ref, strict.group(2), unknown ? unknownField(typeName)
            : "duplicate field: it is set twice", unknown ? fixUnknown(typeName) : "set it once"));
      }
      return Optional.of(problems);
    }
    Matcher undeclared = UNDECLARED.matcher(message);
    if (error.getCode() == 500 && undeclared.find()) {
      problems.add(Problem.error(ref, FieldConflicts.path(undeclared.group(1)), unknownField(typeName),
          fixUnknown(typeName)));
    }
    if (error.getCode() == 422) {
      for (StatusCause cause : causes(status)) {
        String said = String.valueOf(cause.getMessage());
        problems.add(Problem.error(ref, cause.getField() == null ? "metadata" : FieldConflicts.path(cause.getField()),
            "the server rejects it: " + redact.apply(said), fixed(said) ? FIXED_FIELD
                : "correct the value as the message says"));
      }
      if (problems.isEmpty()) {
        problems.add(Problem.error(ref, "metadata", "the server rejects it: " + redact.apply(message),
            "correct the object as the message says"));
      }
    }
    if (error.getCode() == 409) {
      for (FieldConflicts.Conflict c : FieldConflicts.of(status)) {
        problems.add(Problem.error(ref, c.path(), "owned by field manager \"" + c.manager + "\", and the spec sets "
            + "another value (server-side apply conflict)", FieldConflicts.FIX));
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(problems);
  }

  static String unknownField(String typeName) {
    return unknownFieldOf("the server's schema of " + typeName);
  }

  /** "unknown field: SCHEMA declares no such field", for a schema described as {@code schema}. */
  static String unknownFieldOf(String schema) {
    return "unknown field: " + schema + " declares no such field";
  }

  static String fixUnknown(String typeName) {
    return "correct the field's name or remove it (kubectl explain lists the fields of " + typeName + ")";
  }

  private static List<StatusCause> causes(Status status) {
    return status == null || status.getDetails() == null || status.getDetails().getCauses() == null ? List.of()
        : status.getDetails().getCauses();
  }
}
