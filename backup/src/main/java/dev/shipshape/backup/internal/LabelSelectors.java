package dev.shipshape.backup.internal;

import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The label selectors of Velero objects as Velero uses them. Velero turns each with apimachinery's
 * {@code metav1.LabelSelectorAsSelector}, which refuses what the API server's validation of a selector refuses
 * ({@link LabelSelectorRules}); Velero's CRDs type the selector but do not check these, so the API server takes such
 * an object. The CRDs' schema does decide the nulls: a null {@code matchLabels} value is pruned (the entry goes),
 * and a null requirement or value makes the API server refuse the object.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Reports each part of {@code selector} (at {@code field}) that Velero refuses; {@code consequence} says what
   * Velero does then, such as "Velero fails the validation of the restore". True when there is none.
   */
  static boolean check(ResourceRef ref, String field, LabelSelector selector, String consequence,
      List<Problem> problems) {
    if (selector == null) return true;
    List<String> nulls = nullItems(field, selector);
    nulls.forEach(at -> problems.add(nullItem(ref, at)));
    if (!nulls.isEmpty()) return false;
    List<Problem> refused = LabelSelectorRules.check(stored(selector));
    for (Problem p : refused) {
      problems.add(Problem.error(ref, field + "." + p.field().orElse(""), p.message() + "; " + consequence,
          p.fix()));
    }
    return refused.isEmpty();
  }

  /** The fields of the selector's null requirements and values. */
  private static List<String> nullItems(String field, LabelSelector selector) {
    List<String> nulls = new ArrayList<>();
    List<LabelSelectorRequirement> expressions = Template.list(selector.getMatchExpressions());
    for (int m = 0; m < expressions.size(); m++) {
      String at = field + ".matchExpressions[" + m + "]";
      if (expressions.get(m) == null) {
        nulls.add(at);
        continue;
      }
      List<String> values = Template.list(expressions.get(m).getValues());
      for (int v = 0; v < values.size(); v++) {
        if (values.get(v) == null) nulls.add(at + ".values[" + v + "]");
      }
    }
    return nulls;
  }

  /** The error of a null list item at {@code field}, which Velero's CRDs type, so the API server refuses it. */
  static Problem nullItem(ResourceRef ref, String field) {
    return Problem.error(ref, field, "is null; Velero's " + ref.kind() + " CRD gives it a type, so the API server"
        + " refuses the " + ref.kind(), "remove the null entry, or write it out");
  }

  /** Whether {@code selector}, as stored, has neither a {@code matchLabels} entry nor a requirement. */
  static boolean empty(LabelSelector selector) {
    Map<String, String> labels = stored(selector).getMatchLabels();
    return (labels == null || labels.isEmpty()) && Template.list(selector.getMatchExpressions()).isEmpty();
  }

  /** {@code selector} as the API server stores it under Velero's CRDs: without null {@code matchLabels} values. */
  static LabelSelector stored(LabelSelector selector) {
    // Not containsValue(null), which an immutable map refuses.
    if (selector.getMatchLabels() == null || selector.getMatchLabels().values().stream().noneMatch(Objects::isNull)) {
      return selector;
    }
    Map<String, String> labels = new LinkedHashMap<>(selector.getMatchLabels());
    labels.values().removeIf(Objects::isNull);
    return new LabelSelectorBuilder(selector).withMatchLabels(labels).build();
  }
}
