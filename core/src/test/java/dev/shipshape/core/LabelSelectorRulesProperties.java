package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rules and the matcher agree on what a requirement means. Of requirements with a valid key and valid values,
 * the rules accept exactly those that {@link LabelSelectorMatcher} evaluates to something that depends on its
 * input: some label set matches it, some does not, and each value it lists changes what it matches. They refuse an
 * unknown operator (which matches nothing), In without values (nothing), NotIn without values (everything) and
 * Exists or DoesNotExist with values (which the match ignores).
 */
class LabelSelectorRulesProperties {
  private static final String KEY = "tier";

  @Property(tries = 500)
  void theRulesAcceptExactlyTheRequirementsWhoseMatchDependsOnTheLabels(@ForAll("operators") String operator,
      @ForAll("values") List<String> values) {
    LabelSelectorMatcher matcher = compile(operator, values);
    // The label sets that tell requirements on KEY apart: without it, and with each listed value or another one.
    Set<String> distinct = new LinkedHashSet<>(values);
    List<Map<String, String>> labelSets = new ArrayList<>(List.of(Map.of(), Map.of(KEY, "other")));
    distinct.forEach(v -> labelSets.add(Map.of(KEY, v)));

    boolean satisfiable = labelSets.stream().anyMatch(matcher::matches);
    boolean refutable = !labelSets.stream().allMatch(matcher::matches);
    boolean everyValueMatters = distinct.stream().allMatch(v -> {
      LabelSelectorMatcher without = compile(operator, values.stream().filter(x -> !x.equals(v)).toList());
      return labelSets.stream().anyMatch(labels -> without.matches(labels) != matcher.matches(labels));
    });
    boolean accepted = LabelSelectorRules.check(selector(operator, values)).isEmpty();
    assertThat(accepted).as("%s %s", operator, values)
        .isEqualTo(satisfiable && refutable && everyValueMatters);
  }

  @Provide
  Arbitrary<String> operators() {
    return Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist", "in", "notin", "Equals", "Gt", "");
  }

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.of("a", "b", "c").list().ofMaxSize(3);
  }

  private static LabelSelector selector(String operator, List<String> values) {
    return new LabelSelectorBuilder().withMatchExpressions(new LabelSelectorRequirement(KEY, operator, values))
        .build();
  }

  private static LabelSelectorMatcher compile(String operator, List<String> values) {
    return LabelSelectorMatcher.of(selector(operator, values)).orElseThrow();
  }
}
