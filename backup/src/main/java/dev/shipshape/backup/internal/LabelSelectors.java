package dev.shipshape.backup.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * The label selectors Velero cannot use: it turns each with apimachinery's {@code metav1.LabelSelectorAsSelector},
 * which fails on an operator other than In, NotIn, Exists and DoesNotExist, on In or NotIn without values, on
 * Exists or DoesNotExist with values, and on keys or values that are not label keys or values
 * ({@code labels.NewRequirement}; the same rules as {@code ValidateLabelSelector} of the API server's validation).
 * Velero's CRDs type the selector but do not check these, so the API server takes such a Restore.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Reports each part of {@code selector} (at {@code field}) that Velero refuses; {@code consequence} says what
   * Velero does then, such as "Velero fails the validation of the restore".
   */
  static void check(ResourceRef ref, String field, LabelSelector selector, String consequence,
      List<Problem> problems) {
    if (selector == null) return;
    Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    labels.forEach((key, value) -> {
      String at = FieldPaths.entry(field + ".matchLabels", key);
      key(ref, at, key, consequence, problems);
      value(ref, at, value, consequence, problems);
    });
    List<LabelSelectorRequirement> expressions = Template.list(selector.getMatchExpressions());
    for (int m = 0; m < expressions.size(); m++) {
      expression(ref, field + ".matchExpressions[" + m + "]", expressions.get(m), consequence, problems);
    }
  }

  private static void expression(ResourceRef ref, String field, LabelSelectorRequirement r, String consequence,
      List<Problem> problems) {
    String operator = r.getOperator() == null ? "" : r.getOperator();
    List<String> values = Template.list(r.getValues());
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          problems.add(Problem.error(ref, field + ".values", "is empty, but " + operator + " needs at least one"
              + " value; " + consequence, "list the values to match, or use Exists to match any value"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          problems.add(Problem.error(ref, field + ".values", "lists " + values + ", but " + operator + " takes no"
              + " values; " + consequence, "remove values, or use In to match these values"));
        }
      }
      default -> problems.add(Problem.error(ref, field + ".operator", "'" + operator + "' is not a label selector"
          + " operator; " + consequence, "use In, NotIn, Exists or DoesNotExist (capitalized as written)"));
    }
    key(ref, field + ".key", r.getKey(), consequence, problems);
    for (int v = 0; v < values.size(); v++) {
      value(ref, field + ".values[" + v + "]", values.get(v), consequence, problems);
    }
  }

  private static void key(ResourceRef ref, String field, String key, String consequence, List<Problem> problems) {
    for (String message : Names.checkLabelKey(key)) {
      problems.add(Problem.error(ref, field, "label " + message + "; " + consequence,
          "use a label key such as 'app' or 'example.com/tier'"));
    }
  }

  private static void value(ResourceRef ref, String field, String value, String consequence,
      List<Problem> problems) {
    for (String message : Names.checkLabelValue(value == null ? "" : value)) {
      problems.add(Problem.error(ref, field, "label " + message + "; " + consequence,
          "use a label value such as 'db': at most 63 letters, digits, '-', '_' or '.'"));
    }
  }
}
