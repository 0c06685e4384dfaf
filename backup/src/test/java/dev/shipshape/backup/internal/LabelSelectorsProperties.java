package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * A selector Velero can turn into a label selector has no problem; each expression whose operator and values do
 * not go together has exactly one, at its own index. A key or operator that is absent (null) is what the API server
 * refuses under Velero's CRDs, one written empty what Velero refuses.
 */
class LabelSelectorsProperties {
  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "in", "Gt");
  private static final ResourceRef REF = ResourceRef.namespaced("velero.io", "Restore", "velero", "r");

  @Property(tries = 200)
  void onlyMismatchedOperatorsAndValuesAreReported(
      @ForAll @Size(max = 4) List<@IntRange(max = 5) Integer> operators,
      @ForAll @Size(max = 4) List<@IntRange(max = 2) Integer> valueCounts,
      @ForAll @AlphaChars @StringLength(min = 1, max = 10) String label) {
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    List<Integer> wrong = new ArrayList<>();
    for (int m = 0; m < operators.size(); m++) {
      String operator = OPERATORS.get(operators.get(m));
      int count = m < valueCounts.size() ? valueCounts.get(m) : 0;
      expressions.add(new LabelSelectorRequirement(label, operator, List.of(label, label + "x").subList(0, count)));
      boolean takesValues = operator.equals("In") || operator.equals("NotIn");
      boolean known = takesValues || operator.equals("Exists") || operator.equals("DoesNotExist");
      if (!known || takesValues == (count == 0)) wrong.add(m);
    }
    List<Problem> problems = new ArrayList<>();
    LabelSelectors.check(REF, "spec.labelSelector", new LabelSelector(expressions, Map.of(label, label)), "why",
        problems);
    assertThat(problems).extracting(p -> p.field().orElseThrow().replaceAll("\\.(operator|values)$", ""))
        .containsExactlyElementsOf(wrong.stream().map(m -> "spec.labelSelector.matchExpressions[" + m + "]")
            .toList());
  }

  @Property(tries = 200)
  void anAbsentKeyOrOperatorIsRefusedByTheApiServerAndOnlyIt(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 2) Integer> keys,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 2) Integer> operators) {
    List<String> keyChoices = Arrays.asList(null, "", "app");
    List<String> operatorChoices = Arrays.asList(null, "", "Exists");
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (int m = 0; m < Math.max(keys.size(), operators.size()); m++) {
      String key = keyChoices.get(keys.get(m % keys.size()));
      String operator = operatorChoices.get(operators.get(m % operators.size()));
      expressions.add(new LabelSelectorRequirement(key, operator, List.of()));
      if (key == null) absent.add("spec.labelSelector.matchExpressions[" + m + "].key");
      if (operator == null) absent.add("spec.labelSelector.matchExpressions[" + m + "].operator");
    }
    List<Problem> problems = new ArrayList<>();
    boolean usable = LabelSelectors.check(REF, "spec.labelSelector", new LabelSelector(expressions, Map.of()),
        "why", problems);
    List<String> refusedByServer = problems.stream()
        .filter(p -> p.message().endsWith("so the API server refuses the Restore"))
        .map(p -> p.field().orElseThrow()).toList();
    assertThat(refusedByServer).containsExactlyElementsOf(absent);
    if (!absent.isEmpty()) assertThat(problems).hasSameSizeAs(absent);
    assertThat(usable).isEqualTo(problems.isEmpty());
  }
}
