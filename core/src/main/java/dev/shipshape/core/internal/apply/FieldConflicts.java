package dev.shipshape.core.internal.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields a server-side apply could not take because other field managers own them, read from the causes of
 * the API server's 409 answer ({@code reason: FieldManagerConflict}, {@code message: conflict with "kubectl"
 * using apps/v1}, {@code field: .spec.replicas}); see
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts.
 */
final class FieldConflicts {
  static final String FIX = "to take these fields over, apply with --force-conflicts (KubernetesExecutor.Builder"
      + ".forceConflicts(true)); to leave them to their managers, remove them from the spec";
  private static final Pattern MANAGER = Pattern.compile("conflict with \"((?:[^\"\\\\]|\\\\.)*)\"(.*)");

  /** One field owned by another manager. */
  static final class Conflict {
    /** The path as the server gives it, such as {@code .spec.replicas}. */
    final String field;
    final String manager;

    Conflict(String field, String manager) {
      this.field = field;
      this.manager = manager;
    }

    /** The path without its leading dot, as problems name fields: {@code spec.replicas}. */
    String path() {
      return FieldConflicts.path(field);
    }
  }

  private FieldConflicts() {}

  /** A field as the server names it ({@code .spec.replicas}) as problems name fields: {@code spec.replicas}. */
  static String path(String field) {
    return field.startsWith(".") ? field.substring(1) : field;
  }

  /** The conflicts of a 409 answer; empty when it carries no field-manager causes. */
  static List<Conflict> of(Status status) {
    List<Conflict> conflicts = new ArrayList<>();
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) return conflicts;
    for (StatusCause cause : status.getDetails().getCauses()) {
      if (cause.getField() == null) continue;
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      Matcher m = MANAGER.matcher(message);
      conflicts.add(new Conflict(cause.getField(), m.find() ? m.group(1) : "another field manager"));
    }
    return conflicts;
  }

  /**
   * One line naming each manager and its fields, with the fix: {@code field manager conflict: "kubectl" owns
   * .spec.replicas, .spec.paused — to take these fields over, ...}.
   */
  static String describe(List<Conflict> conflicts) {
    Map<String, List<String>> byManager = new LinkedHashMap<>();
    conflicts.forEach(c -> byManager.computeIfAbsent(c.manager, m -> new ArrayList<>()).add(c.field));
    List<String> parts = new ArrayList<>();
    byManager.forEach((manager, fields) -> parts.add("field manager \"" + manager + "\" owns "
        + String.join(", ", fields)));
    return "conflict: " + String.join("; ", parts) + " — " + FIX;
  }
}
