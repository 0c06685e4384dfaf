package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of a label selector with an input that breaks it, and the exact problem it reports. */
class LabelSelectorRulesTest {
  private static final String KEY_FIX = " — use a label key such as 'app' or 'example.com/tier'";
  private static final String VALUE_FIX = " — use a label value such as 'db': at most 63 letters, digits, '-', '_'"
      + " or '.'";
  private static final String OPERATOR_FIX = " — use In, NotIn, Exists or DoesNotExist (capitalized as written)";

  private static List<String> problems(LabelSelector selector) {
    return LabelSelectorRules.check(selector).stream()
        .peek(p -> assertThat(p.isError()).isTrue())
        .map(p -> p.field().orElseThrow() + ": " + p.message() + " — " + p.fix()).toList();
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
        .withValues(values).endMatchExpression().build();
  }

  @Test
  void anAbsentEmptyOrValidSelectorHasNoProblem() {
    assertThat(problems(null)).isEmpty();
    assertThat(problems(new LabelSelector())).isEmpty();
    assertThat(problems(new LabelSelectorBuilder().addToMatchLabels("example.com/tier", "db")
        .addToMatchLabels("app", "").addNewMatchExpression().withKey("zone").withOperator("NotIn")
        .withValues("z1", "z_2").endMatchExpression().addNewMatchExpression().withKey("canary")
        .withOperator("DoesNotExist").endMatchExpression().build())).isEmpty();
  }

  @Test
  void anOperatorOtherThanTheFourIsAProblem() {
    assertThat(problems(expression("app", "in", "db"))).containsExactly(
        "matchExpressions[0].operator: 'in' is not a label selector operator" + OPERATOR_FIX);
    assertThat(problems(expression("app", "Gt", "1"))).containsExactly(
        "matchExpressions[0].operator: 'Gt' is not a label selector operator" + OPERATOR_FIX);
    assertThat(problems(expression("app", null))).containsExactly(
        "matchExpressions[0].operator: is missing; a requirement needs an operator" + OPERATOR_FIX);
  }

  @Test
  void inAndNotInNeedValues() {
    assertThat(problems(expression("app", "In"))).containsExactly("matchExpressions[0].values: is empty, but In"
        + " needs at least one value — list the values to match, or use Exists to match any value");
    assertThat(problems(expression("app", "NotIn"))).containsExactly("matchExpressions[0].values: is empty, but"
        + " NotIn needs at least one value — list the values to leave out, or remove the requirement");
  }

  @Test
  void existsAndDoesNotExistTakeNoValues() {
    assertThat(problems(expression("app", "Exists", "db"))).containsExactly("matchExpressions[0].values: lists"
        + " [db], but Exists takes no values — remove values, or use In to match these values");
    assertThat(problems(expression("app", "DoesNotExist", "db", "web"))).containsExactly("matchExpressions[0]"
        + ".values: lists [db, web], but DoesNotExist takes no values — remove values, or use NotIn to leave out"
        + " these values");
  }

  @Test
  void requirementKeysAreLabelKeys() {
    assertThat(problems(expression("bad key", "Exists"))).containsExactly("matchExpressions[0].key: label key"
        + " name 'bad key' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        + KEY_FIX);
    assertThat(problems(expression(null, "Exists"))).containsExactly("matchExpressions[0].key: label key is empty"
        + KEY_FIX);
  }

  @Test
  void requirementValuesAreLabelValuesWhateverTheOperator() {
    assertThat(problems(expression("app", "In", "db", "-x"))).containsExactly("matchExpressions[0].values[1]:"
        + " label value '-x' must consist of alphanumerics, '-', '_' or '.', starting and ending with an"
        + " alphanumeric" + VALUE_FIX);
    assertThat(problems(expression("app", "Exists", "x".repeat(64)))).containsExactly(
        "matchExpressions[0].values: lists [" + "x".repeat(64) + "], but Exists takes no values — remove values,"
            + " or use In to match these values",
        "matchExpressions[0].values[0]: label value is 64 characters long, more than 63" + VALUE_FIX);
  }

  @Test
  void matchLabelsKeysAndValuesAreLabelKeysAndValuesAtTheirEntry() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "no way");
    labels.put("a.b/c/d", "db");
    labels.put("Example.com/tier", "db");
    labels.put("zone", null);
    assertThat(problems(new LabelSelectorBuilder().withMatchLabels(labels).build())).containsExactly(
        "matchLabels.app: label value 'no way' must consist of alphanumerics, '-', '_' or '.', starting and ending"
            + " with an alphanumeric" + VALUE_FIX,
        "matchLabels[a.b/c/d]: label key name 'c/d' must consist of alphanumerics, '-', '_' or '.', starting and"
            + " ending with an alphanumeric" + KEY_FIX,
        "matchLabels[Example.com/tier]: label key prefix 'Example.com' is not a DNS-1123 subdomain (lower-case"
            + " letters, digits, '-' and '.', starting and ending with a letter or digit)" + KEY_FIX);
  }

  @Test
  void everyProblemIsReportedAtOnceInTheApiServersOrder() {
    LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("app", "-db")
        .withMatchExpressions(new LabelSelectorRequirement("bad key", "Like", List.of("-x")), null).build();
    assertThat(problems(selector)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
        "matchLabels.app", "matchExpressions[0].operator", "matchExpressions[0].key",
        "matchExpressions[0].values[0]", "matchExpressions[1].operator", "matchExpressions[1].key");
  }

  @Test
  void aSelectorsProblemsNameTheFullPathWhenTheCallerGivesIt() {
    assertThat(LabelSelectorRules.check("spec.selector", new LabelSelectorBuilder().addToMatchLabels("app", "-db")
        .addNewMatchExpression().withKey("tier").withOperator("In").endMatchExpression().build()))
        .extracting(p -> p.field().orElseThrow())
        .containsExactly("spec.selector.matchLabels.app", "spec.selector.matchExpressions[0].values");
  }

  @Test
  void aMapOfLabelsIsCheckedAsMatchLabelsAtItsEntries() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "-db");
    labels.put("Example.com/tier", "web");
    labels.put("zone", null);
    assertThat(LabelSelectorRules.checkLabels("podLabels", labels)).extracting(p -> p.field().orElseThrow() + ": "
        + p.message() + " — " + p.fix()).containsExactly(
            "podLabels.app: label value '-db' must consist of alphanumerics, '-', '_' or '.', starting and ending"
                + " with an alphanumeric" + VALUE_FIX,
            "podLabels[Example.com/tier]: label key prefix 'Example.com' is not a DNS-1123 subdomain (lower-case"
                + " letters, digits, '-' and '.', starting and ending with a letter or digit)" + KEY_FIX);
    assertThat(LabelSelectorRules.checkLabels("podLabels", null)).isEmpty();
  }
}
