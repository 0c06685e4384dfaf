package dev.shipshape.monitoring;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds rules and the label matchers in their expressions. */
final class Rules {
  private Rules() {}

  /** An alerting rule with the alert's severity, {@code for} duration and annotations. */
  static Rule alert(Monitoring m, Alert alert, String expr, String summary, String description, String runbook) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    annotations.put("runbook", runbook);
    RuleBuilder rule = new RuleBuilder().withAlert(alert.alertName()).withExpr(new IntOrString(expr))
        .withLabels(Map.of("severity", alert.severity())).withAnnotations(annotations);
    String duration = m.forDuration(alert);
    if (PromDuration.parse(duration).map(d -> !d.isZero()).orElse(true)) rule.withFor(duration);
    return rule.build();
  }

  /** A recording rule. */
  static Rule record(String name, String expr) {
    return new RuleBuilder().withRecord(name).withExpr(new IntOrString(expr)).build();
  }

  /** The namespace of a namespaced object; {@code default} when it names none. */
  static String namespaceOf(io.fabric8.kubernetes.api.model.HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  /** A number as PromQL writes it: no trailing {@code .0}. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  /** A regex that matches exactly these names, as a PromQL string's content. */
  static String alternation(Collection<String> names) {
    return names.stream().distinct().sorted().map(Rules::escape).collect(Collectors.joining("|"));
  }

  /** A regex-quoted name inside a double-quoted PromQL string: a dot becomes {@code \\.}. */
  static String escape(String name) {
    return name.replace(".", "\\\\.");
  }

  /** {@code namespace=~"a|b"} as one matcher. */
  static String namespaces(Collection<String> namespaces) {
    return "namespace=~\"" + alternation(namespaces) + "\"";
  }

  /**
   * One term per namespace joined with {@code or}, so each namespace's names are matched in that namespace only:
   * {@code term(matchers)} gets {@code namespace="ns",label=~"names"}.
   */
  static String perNamespace(Map<String, ? extends Collection<String>> namesByNamespace, String label,
      Function<String, String> term) {
    List<String> terms = namesByNamespace.entrySet().stream()
        .map(e -> term.apply("namespace=\"" + e.getKey() + "\"," + label + "=~\"" + alternation(e.getValue())
            + "\""))
        .collect(Collectors.toList());
    return terms.size() == 1 ? terms.get(0)
        : terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" or "));
  }
}
