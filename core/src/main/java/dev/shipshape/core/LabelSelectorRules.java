package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API server's rules for a label selector ({@code metav1.LabelSelector}): those of apimachinery's
 * {@code ValidateLabelSelector} ({@code pkg/apis/meta/v1/validation}), which checks a selector field of a built-in
 * object, and of {@code metav1.LabelSelectorAsSelector} with {@code labels.NewRequirement}, which a controller such as
 * Velero's calls before it uses a selector of a custom resource. A {@code matchExpressions} requirement's operator is
 * In, NotIn, Exists or DoesNotExist, capitalized as written; In and NotIn need at least one value, Exists and
 * DoesNotExist take none; every key, in {@code matchLabels} and in requirements, is a label key
 * ({@link Names#checkLabelKey}) and every value a label value ({@link Names#checkLabelValue}). A selector these rules
 * accept is one {@link LabelSelectorMatcher} evaluates as the API server does. One rule for every place that reads
 * selectors: the planner's checks of built-in objects, the NetworkPolicy analyzer, Velero's backups, schedules,
 * restores and hooks, and the builders that select objects by a map of labels.
 */
public final class LabelSelectorRules {
  private static final String KEY_FIX = "use a label key such as 'app' or 'example.com/tier'";
  private static final String VALUE_FIX = "use a label value such as 'db': at most 63 letters, digits, '-', '_'"
      + " or '.'";

  private LabelSelectorRules() {}

  /**
   * Every problem of {@code selector}, as errors whose field is relative to the selector: {@code matchLabels.app}
   * (or {@code matchLabels[example.com/tier]} when a dot in the key would read as one more level), and
   * {@code matchExpressions[0].operator}, {@code .values}, {@code .values[1]} or {@code .key}; callers add the
   * resource and the selector's path. An absent ({@code null}) selector has none.
   */
  public static List<Problem> check(LabelSelector selector) {
    return check("", selector);
  }

  /**
   * Every problem of the selector at {@code field} (such as {@code spec.selector}), as errors whose field is the full
   * path: {@code spec.selector.matchLabels.app}, {@code spec.selector.matchExpressions[0].key}. An absent
   * ({@code null}) selector has none.
   */
  public static List<Problem> check(String field, LabelSelector selector) {
    List<Problem> problems = new ArrayList<>();
    if (selector == null) return problems;
    problems.addAll(checkLabels(child(field, "matchLabels"), selector.getMatchLabels()));
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
        : selector.getMatchExpressions();
    for (int m = 0; m < expressions.size(); m++) {
      LabelSelectorRequirement requirement = expressions.get(m);
      requirement(child(field, "matchExpressions") + "[" + m + "]",
          requirement == null ? new LabelSelectorRequirement() : requirement, problems);
    }
    return problems;
  }

  /**
   * Every problem of {@code labels} read as {@code matchLabels}, each key a label key and each value a label value
   * (a {@code null} value reads as the empty one): errors at {@code field.app}, or {@code field[example.com/tier]}
   * when a dot in the key would read as one more level. The rule of a selector's {@code matchLabels}, and of every
   * map of labels a builder selects objects by; none when {@code labels} is {@code null}.
   */
  public static List<Problem> checkLabels(String field, Map<String, String> labels) {
    List<Problem> problems = new ArrayList<>();
    if (labels == null) return problems;
    labels.forEach((key, value) -> {
      String entry = key != null && key.indexOf('.') < 0 ? field + "." + key : field + "[" + key + "]";
      key(entry, key, problems);
      value(entry, value, problems);
    });
    return problems;
  }

  private static String child(String field, String name) {
    return field.isEmpty() ? name : field + "." + name;
  }

  /** In the API server's order: the operator and its values, then the key, then each value. */
  private static void requirement(String field, LabelSelectorRequirement r, List<Problem> problems) {
    String operator = r.getOperator() == null ? "" : r.getOperator();
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          problems.add(error(field + ".values", "is empty, but " + operator + " needs at least one value",
              operator.equals("In") ? "list the values to match, or use Exists to match any value"
                  : "list the values to leave out, or remove the requirement"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          problems.add(error(field + ".values", "lists " + values + ", but " + operator + " takes no values",
              operator.equals("Exists") ? "remove values, or use In to match these values"
                  : "remove values, or use NotIn to leave out these values"));
        }
      }
      case "" -> problems.add(error(field + ".operator", "is missing; a requirement needs an operator",
          "use In, NotIn, Exists or DoesNotExist (capitalized as written)"));
      default -> problems.add(error(field + ".operator", "'" + operator + "' is not a label selector operator",
          "use In, NotIn, Exists or DoesNotExist (capitalized as written)"));
    }
    key(field + ".key", r.getKey(), problems);
    for (int v = 0; v < values.size(); v++) value(field + ".values[" + v + "]", values.get(v), problems);
  }

  private static void key(String field, String key, List<Problem> problems) {
    for (String message : Names.checkLabelKey(key)) problems.add(error(field, "label " + message, KEY_FIX));
  }

  /** A {@code null} value reads as the empty one, as the API server decodes a JSON null into a string. */
  private static void value(String field, String value, List<Problem> problems) {
    for (String message : Names.checkLabelValue(value == null ? "" : value)) {
      problems.add(error(field, "label " + message, VALUE_FIX));
    }
  }

  private static Problem error(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(message).fix(fix).build();
  }
}
