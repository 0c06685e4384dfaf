package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Locality weights as Istio's validation reads them: each from 1 to 100, together exactly 100. */
class LocalityRulesProperties {
  private static List<String> problems(List<Integer> weights) {
    ObjectNode setting = JsonNodeFactory.instance.objectNode();
    ObjectNode to = setting.putArray("distribute").addObject().put("from", "us-east1/*").putObject("to");
    for (int i = 0; i < weights.size(); i++) to.put("region-" + i + "/*", weights.get(i));
    List<String> found = new ArrayList<>();
    LocalityRules.check(setting, "lb", false, (error, field, detail, fix) -> found.add(detail));
    return found;
  }

  @Property(tries = 200)
  void weightsFrom1To100AreValidExactlyWhenTheySumTo100(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 100) Integer> weights) {
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    assertThat(problems(weights)).isEqualTo(total == 100 ? List.of()
        : List.of("total locality weight " + total + " != 100"));
  }

  @Property(tries = 50)
  void aWeightOutsideTheRangeIsRefusedWhateverTheTotal(@ForAll @IntRange(min = 101, max = 1000) int weight) {
    assertThat(problems(List.of(weight))).containsExactly("locality weight must be in range [1, 100]");
    assertThat(problems(List.of(0, 100))).containsExactly("locality weight must be in range [1, 100]");
  }
}
