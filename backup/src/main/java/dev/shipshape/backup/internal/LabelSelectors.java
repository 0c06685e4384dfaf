package dev.shipshape.backup.internal;

import dev.shipshape.core.LabelSelectorMatcher;
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
 * The label selectors of Velero objects as the API server stores them and Velero uses them. Velero's CRDs give the
 * selector its types and require each requirement's {@code key} and {@code operator}; so the API server refuses an
 * object with a requirement without them, and decides the nulls: a null {@code matchLabels} value is pruned (the
 * entry goes), a null {@code key} or {@code operator} is pruned and so missing, and a null requirement or value is
 * refused. The CRDs check nothing else of a selector, so the API server takes an empty key or operator, an unknown
 * operator or a bad label. Velero turns each selector with apimachinery's {@code metav1.LabelSelectorAsSelector},
 * which refuses what the API server's validation of a selector refuses ({@link LabelSelectorRules}).
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Reports each part of {@code selector} (at {@code field}) that the API server refuses under Velero's CRDs or,
   * when it takes them all, that Velero refuses; {@code consequence} says what Velero does then, such as "Velero
   * fails the validation of the restore". True when there is none.
   */
  static boolean check(ResourceRef ref, String field, LabelSelector selector, String consequence,
      List<Problem> problems) {
    if (selector == null) return true;
    List<Problem> refusedByServer = refusedByServer(ref, field, selector);
    problems.addAll(refusedByServer);
    if (!refusedByServer.isEmpty()) return false;
    List<Problem> refused = LabelSelectorRules.check(stored(selector));
    for (Problem p : refused) {
      problems.add(Problem.error(ref, field + "." + p.field().orElse(""), p.message() + "; " + consequence,
          p.fix()));
    }
    return refused.isEmpty();
  }

  /** The errors of the selector's parts that Velero's CRDs make the API server refuse: nulls and missing fields. */
  private static List<Problem> refusedByServer(ResourceRef ref, String field, LabelSelector selector) {
    List<Problem> problems = new ArrayList<>();
    List<LabelSelectorRequirement> expressions = Template.list(selector.getMatchExpressions());
    for (int m = 0; m < expressions.size(); m++) {
      String at = field + ".matchExpressions[" + m + "]";
      LabelSelectorRequirement requirement = expressions.get(m);
      if (requirement == null) {
        problems.add(nullItem(ref, at));
        continue;
      }
      if (requirement.getKey() == null) {
        problems.add(missing(ref, at + ".key", "give the requirement the label key it tests, such as 'app'"));
      }
      if (requirement.getOperator() == null) {
        problems.add(missing(ref, at + ".operator", "give the requirement an operator: In, NotIn, Exists or"
            + " DoesNotExist"));
      }
      List<String> values = Template.list(requirement.getValues());
      for (int v = 0; v < values.size(); v++) {
        if (values.get(v) == null) problems.add(nullItem(ref, at + ".values[" + v + "]"));
      }
    }
    return problems;
  }

  /** The error of a field Velero's CRD requires, absent at {@code field} (or null, which the API server prunes). */
  private static Problem missing(ResourceRef ref, String field, String fix) {
    return Problem.error(ref, field, "is missing; Velero's " + ref.kind() + " CRD requires it, so the API server"
        + " refuses the " + ref.kind(), fix);
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

  /** What {@code usable}, a selector Velero can use, matches as stored; an absent one matches everything. */
  static LabelSelectorMatcher matcher(LabelSelector usable) {
    return usable == null ? LabelSelectorMatcher.everything() : LabelSelectorMatcher.of(stored(usable)).orElseThrow();
  }

  /** {@code usable}, a selector Velero can use, for messages: as stored, in kubectl's syntax ({@code app=db,!x}). */
  static String describe(LabelSelector usable) {
    return matcher(usable).toString();
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
