package dev.shipshape.helm.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ValueLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A chart's {@code --set} and {@code --set-string} expressions merged as Helm merges them: every {@code --set} in
 * order, then every {@code --set-string}, each read by {@link SetParser} into the same values.
 */
final class SetValues {
  private SetValues() {}

  /**
   * Sets the values of {@code chart}'s expressions into {@code values} (what its files and maps give, as Helm read
   * them), as Helm's {@code ParseInto} does: an index changes one item of a list and keeps the others, {@code null}
   * sets a key to null, a path goes into the maps that are there.
   *
   * @throws SpecValidationException when an expression is not valid, or goes into a value that is not a map or a
   *     list, which Helm refuses
   */
  static void applyTo(HelmChart chart, Map<String, Object> values) {
    for (int i : helmOrder(chart.valueLayers())) {
      try {
        parse(chart.valueLayers().get(i), values);
      } catch (SetSyntaxException e) {
        throw new SpecValidationException("HelmChart " + chart.name(), List.of(problem(chart, i, e)));
      }
    }
  }

  /**
   * A problem for every expression that is not valid on its own; when all are, one for the first that cannot be
   * applied over the ones before it (a path into a value an earlier one set, such as {@code a=1} then {@code a.b=2}).
   */
  static List<Problem> problems(HelmChart chart) {
    List<ValueLayer> layers = chart.valueLayers();
    List<Problem> problems = new ArrayList<>();
    for (int i : helmOrder(layers)) {
      try {
        parse(layers.get(i), new LinkedHashMap<>());
      } catch (SetSyntaxException e) {
        problems.add(problem(chart, i, e));
      }
    }
    if (!problems.isEmpty()) return problems;
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i : helmOrder(layers)) {
      try {
        parse(layers.get(i), values);
      } catch (SetSyntaxException e) {
        return List.of(problem(chart, i, e));
      }
    }
    return List.of();
  }

  /** The values one expression sets on its own, such as a secret's. */
  static Map<String, Object> parse(ValueLayer layer) {
    Map<String, Object> values = new LinkedHashMap<>();
    parse(layer, values);
    return values;
  }

  private static void parse(ValueLayer layer, Map<String, Object> values) {
    SetParser.parseInto(layer.setExpression().orElseThrow(), values, layer.stringValues());
  }

  /** The indexes of the expressions, {@code --set} ones first. */
  private static List<Integer> helmOrder(List<ValueLayer> layers) {
    List<Integer> sets = IntStream.range(0, layers.size()).filter(i -> layers.get(i).isSet()).boxed()
        .collect(Collectors.toList());
    List<Integer> ordered = new ArrayList<>();
    sets.stream().filter(i -> !layers.get(i).stringValues()).forEach(ordered::add);
    sets.stream().filter(i -> layers.get(i).stringValues()).forEach(ordered::add);
    return ordered;
  }

  private static Problem problem(HelmChart chart, int index, SetSyntaxException e) {
    ValueLayer layer = chart.valueLayers().get(index);
    long number = chart.valueLayers().subList(0, index + 1).stream()
        .filter(l -> l.isSet() && l.stringValues() == layer.stringValues()).count();
    boolean conflict = e.reason().equals(SetParser.NOT_A_MAP) || e.reason().equals(SetParser.NOT_A_LIST);
    return ChartChecks.error(chart, "values[" + index + "]", layer + " #" + number + " is not valid "
        + e.where() + ": " + e.reason(), conflict
            ? "a values file, a values map or an earlier --set gives that path another kind of value, which Helm "
                + "refuses too: set the whole value in a values file or map instead, or fix the path"
            : "write PATH=VALUE assignments separated by ',', such as image.tag=1.8.2,hosts={a,b}; write \\, \\. "
                + "or \\\\ for a literal ',', '.' or '\\'");
  }
}
