package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A {@code null} where a selector or a label set holds a string (as raw YAML writes {@code app: null} or
 * {@code values: [null]}) matches as the empty string does, which is how the API server decodes it: the matcher never
 * fails on one, and gives the same answer as for the selector and labels with every {@code null} made empty.
 */
class LabelSelectorMatcherProperties {
  /** What a value code stands for: a {@code null}, the empty string, or a value. Code 3 is an absent entry. */
  private static final String[] VALUES = {null, "", "a"};

  @Property(tries = 500)
  void aNullMatchesAsTheEmptyString(@ForAll @IntRange(max = 3) int app, @ForAll("operators") String operator,
      @ForAll @Size(max = 3) List<@IntRange(max = 2) Integer> values, @ForAll @IntRange(max = 3) int labelApp,
      @ForAll @IntRange(max = 3) int labelTier) {
    boolean withNulls = matches(app, operator, values, labelApp, labelTier, false);
    boolean emptied = matches(app, operator, values, labelApp, labelTier, true);
    assertThat(withNulls).isEqualTo(emptied);
  }

  @Provide
  Arbitrary<String> operators() {
    return Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist");
  }

  /** Whether {@code app: APP} and {@code tier OPERATOR (VALUES)} match {@code app: LABEL_APP, tier: LABEL_TIER}. */
  private static boolean matches(int app, String operator, List<Integer> values, int labelApp, int labelTier,
      boolean emptied) {
    Map<String, String> matchLabels = new HashMap<>();
    put(matchLabels, "app", app, emptied);
    List<String> requirementValues = new ArrayList<>();
    values.forEach(v -> requirementValues.add(value(v, emptied)));
    LabelSelector selector = new LabelSelector(List.of(new LabelSelectorRequirement("tier", operator,
        requirementValues)), matchLabels);
    Map<String, String> labels = new HashMap<>();
    put(labels, "app", labelApp, emptied);
    put(labels, "tier", labelTier, emptied);
    return LabelSelectorMatcher.of(selector).orElseThrow().matches(labels);
  }

  private static void put(Map<String, String> map, String key, int code, boolean emptied) {
    if (code < VALUES.length) map.put(key, value(code, emptied));
  }

  private static String value(int code, boolean emptied) {
    return emptied && VALUES[code] == null ? "" : VALUES[code];
  }
}
