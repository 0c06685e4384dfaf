package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {

  private static LabelSelectorMatcher compile(LabelSelector selector) {
    return LabelSelectorMatcher.of(selector).orElseThrow();
  }

  @Test
  void absentSelectorIsEmptyAndEmptySelectorMatchesEverything() {
    assertThat(LabelSelectorMatcher.of(null)).isEmpty();
    assertThat(compile(new LabelSelector()).matches(Map.of())).isTrue();
    assertThat(LabelSelectorMatcher.everything().matches(Map.of("app", "web"))).isTrue();
    assertThat(LabelSelectorMatcher.everything()).hasToString("{}");
  }

  @Test
  void everyLabelAndRequirementMustHold() {
    LabelSelectorMatcher web = compile(new LabelSelectorBuilder().addToMatchLabels("app", "web")
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("a", "b").endMatchExpression()
        .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
        .addNewMatchExpression().withKey("zone").withOperator("NotIn").withValues("z1").endMatchExpression()
        .addNewMatchExpression().withKey("team").withOperator("Exists").endMatchExpression()
        .build());
    assertThat(web.matches(Map.of("app", "web", "tier", "a", "team", "x"))).isTrue();
    assertThat(web.matches(Map.of("app", "web", "tier", "a", "team", "x", "zone", "z2"))).isTrue();
    assertThat(web.matches(Map.of("app", "db", "tier", "a", "team", "x"))).isFalse();
    assertThat(web.matches(Map.of("app", "web", "tier", "c", "team", "x"))).isFalse();
    assertThat(web.matches(Map.of("app", "web", "tier", "a", "team", "x", "canary", "1"))).isFalse();
    assertThat(web.matches(Map.of("app", "web", "tier", "a", "team", "x", "zone", "z1"))).isFalse();
    assertThat(web.matches(Map.of("app", "web", "tier", "a"))).isFalse();
    assertThat(web).hasToString("app=web,tier in (a,b),!canary,zone notin (z1),team");
  }

  @Test
  void unknownOperatorMatchesNothing() {
    LabelSelectorMatcher odd = compile(new LabelSelectorBuilder().addNewMatchExpression().withKey("app")
        .withOperator("Like").withValues("web").endMatchExpression().build());
    assertThat(odd.matches(Map.of("app", "web"))).isFalse();
  }

  @Test
  void aNullReadsAsTheEmptyStringAsTheApiServerDecodesIt() {
    Map<String, String> matchLabels = new HashMap<>();
    matchLabels.put("app", null);
    LabelSelectorMatcher selector = compile(new LabelSelector(List.of(new LabelSelectorRequirement("tier", "In",
        Arrays.asList(null, "a"))), matchLabels));
    Map<String, String> nullLabels = new HashMap<>();
    nullLabels.put("app", null);
    nullLabels.put("tier", null);
    assertThat(selector.matches(nullLabels)).isTrue();
    assertThat(selector.matches(Map.of("app", "", "tier", "a"))).isTrue();
    assertThat(selector.matches(Map.of("tier", "a"))).as("app absent").isFalse();
    assertThat(selector.matches(Map.of("app", "web", "tier", "a"))).isFalse();
    assertThat(selector.matchLabels()).containsExactly(Map.entry("app", ""));
    assertThat(selector).hasToString("app=,tier in (,a)");
  }

  @Test
  void aNullRequirementOrKeyMatchesNothing() {
    assertThat(compile(new LabelSelector(Arrays.asList((LabelSelectorRequirement) null), null))
        .matches(Map.of("app", "web"))).isFalse();
    assertThat(compile(new LabelSelector(List.of(new LabelSelectorRequirement(null, "Exists", null)), null))
        .matches(Map.of("app", "web"))).isFalse();
  }

  @Test
  void requirementsAreFreshCopiesWithoutNulls() {
    LabelSelectorMatcher selector = compile(new LabelSelector(Arrays.asList(new LabelSelectorRequirement("tier",
        "In", Arrays.asList(null, "a")), null), null));
    assertThat(selector.requirements()).containsExactly(new LabelSelectorRequirement("tier", "In", List.of("", "a")),
        new LabelSelectorRequirement("", "", List.of()));
    selector.requirements().get(0).getValues().add("b");
    assertThat(selector.requirements().get(0).getValues()).containsExactly("", "a");
  }
}
