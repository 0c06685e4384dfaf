package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Install-order groups follow Helm's rules for any mix of hooks and weights. */
class HooksProperties {
  private static final List<String> EVENTS = List.of("", "pre-install", "pre-install,pre-upgrade", "post-install",
      "post-upgrade", "test", "pre-delete", "post-rollback");

  @Provide
  Arbitrary<List<HasMetadata>> charts() {
    return Combinators.combine(Arbitraries.of(EVENTS), Arbitraries.integers().between(-3, 3)).as(HooksProperties::pair)
        .list().ofMaxSize(25).map(HooksProperties::objects);
  }

  private static Object[] pair(String event, int weight) {
    return new Object[] {event, weight};
  }

  private static List<HasMetadata> objects(List<Object[]> pairs) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Map<String, String> annotations = new HashMap<>();
      String event = (String) pairs.get(i)[0];
      if (!event.isEmpty()) {
        annotations.put(Hooks.HOOK, event);
        annotations.put(Hooks.WEIGHT, String.valueOf(pairs.get(i)[1]));
      }
      objects.add(new ConfigMapBuilder().withNewMetadata().withName("o" + i).withAnnotations(annotations)
          .endMetadata().build());
    }
    return objects;
  }

  @Property
  void preHooksByWeightThenTheChartThenPostHooksByWeight(@ForAll("charts") List<HasMetadata> rendered) {
    RenderedChart chart = Hooks.group(List.of(), rendered, false);

    List<String> phases = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (List<HasMetadata> group : chart.groups()) {
      assertThat(group.stream().map(HooksProperties::phase).distinct()).hasSize(1);
      assertThat(group.stream().map(HooksProperties::weight).distinct()).hasSize(1);
      phases.add(phase(group.get(0)));
      weights.add(weight(group.get(0)));
    }
    assertThat(phases).isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));
    for (int i = 1; i < phases.size(); i++) {
      if (phases.get(i).equals(phases.get(i - 1))) assertThat(weights.get(i)).isGreaterThan(weights.get(i - 1));
    }
    long kept = rendered.stream().filter(o -> !List.of("test", "delete", "rollback").contains(phase(o))).count();
    assertThat(chart.groups().stream().mapToInt(List::size).sum()).isEqualTo((int) kept);
    assertThat(chart.notes()).hasSize(rendered.size() - (int) kept);
  }

  private static int rank(String phase) {
    return List.of("pre", "main", "post").indexOf(phase);
  }

  private static String phase(HasMetadata object) {
    String hook = object.getMetadata().getAnnotations().getOrDefault(Hooks.HOOK, "");
    if (hook.isEmpty()) return "main";
    if (hook.contains("pre-install") || hook.contains("pre-upgrade")) return "pre";
    if (hook.contains("post-install") || hook.contains("post-upgrade")) return "post";
    if (hook.equals("test")) return "test";
    return hook.contains("delete") ? "delete" : "rollback";
  }

  private static int weight(HasMetadata object) {
    return phase(object).equals("main") ? 0
        : Integer.parseInt(object.getMetadata().getAnnotations().get(Hooks.WEIGHT));
  }
}
