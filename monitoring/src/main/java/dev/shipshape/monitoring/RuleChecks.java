package dev.shipshape.monitoring;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.monitoring.internal.template.GoTemplate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a PrometheusRule the way Prometheus loads a rule file ({@code rulefmt}): group names present and unique,
 * each rule an alert or a record (not both), a valid metric name to record, no annotations on a record, valid label
 * and annotation names, alerts' label and annotation templates that parse ({@link GoTemplate}, explained by
 * {@link TemplateProblems}), an expression that parses, durations in Prometheus' syntax; and beyond that, alert names
 * unique within a group and namespace matchers that name namespaces of the spec.
 */
final class RuleChecks {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern NAMESPACE_MATCHER = Pattern.compile("namespace\\s*(=~|=)\\s*\"([^\"]*)\"");
  private static final Pattern NAME_LIST = Pattern.compile("[a-z0-9-]+(\\|[a-z0-9-]+)*");

  private RuleChecks() {}

  static void check(HasMetadata object, SpecContext context, List<Problem> problems) {
    PrometheusRule rule = object instanceof PrometheusRule r ? r : Manifests.convert(object, PrometheusRule.class);
    ResourceRef ref = ResourceRef.of(object);
    if (rule.getSpec() == null || rule.getSpec().getGroups() == null) return;
    Set<String> groupNames = new HashSet<>();
    List<RuleGroup> groups = rule.getSpec().getGroups();
    for (int g = 0; g < groups.size(); g++) {
      RuleGroup group = groups.get(g);
      String at = "spec.groups[" + g + "]";
      if (group.getName() == null || group.getName().isEmpty()) {
        problems.add(Problem.error(ref, at + ".name", "the group has no name: the PrometheusRule CRD requires one,"
            + " and Prometheus rejects the rule file", "give the group a name, such as 'shop-alerts'"));
      } else if (!groupNames.add(group.getName())) {
        problems.add(Problem.error(ref, at + ".name", "group '" + group.getName() + "' appears twice; Prometheus"
            + " rejects the rule file", "give each group of the PrometheusRule its own name"));
      }
      duration(ref, at + ".interval", group.getInterval(), problems);
      Set<String> alerts = new HashSet<>();
      List<Rule> rules = group.getRules() == null ? List.of() : group.getRules();
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        String path = at + ".rules[" + i + "]";
        rule(ref, path, group.getName(), r, context, problems);
        if (r.getAlert() != null && !alerts.add(r.getAlert())) {
          problems.add(Problem.error(ref, path + ".alert", "alert '" + r.getAlert() + "' appears twice in group '"
              + group.getName() + "'", "give each alert of a group its own name, or join the expressions with"
              + " 'or' into one alert"));
        }
      }
    }
  }

  private static void rule(ResourceRef ref, String path, String group, Rule r, SpecContext context,
      List<Problem> problems) {
    boolean alert = r.getAlert() != null && !r.getAlert().isEmpty();
    boolean record = r.getRecord() != null && !r.getRecord().isEmpty();
    if (alert == record) {
      problems.add(Problem.error(ref, path, alert ? "names both an alert and a record" : "names neither an alert"
          + " nor a record", "set exactly one of 'alert' and 'record'"));
    }
    if (record && !METRIC_NAME.matcher(r.getRecord()).matches()) {
      problems.add(Problem.error(ref, path + ".record", "'" + r.getRecord() + "' is not a valid metric name",
          "use letters, digits, '_' and ':', not starting with a digit, such as 'namespace:http_errors:rate5m'"));
    }
    if (record && (r.getFor() != null || r.getKeepFiringFor() != null)) {
      problems.add(Problem.error(ref, path + ".for", "a recording rule takes no 'for' or 'keep_firing_for'",
          "remove them, or make the rule an alert"));
    }
    if (record && r.getAnnotations() != null && !r.getAnnotations().isEmpty()) {
      problems.add(Problem.error(ref, path + ".annotations", "a recording rule takes no annotations; Prometheus"
          + " rejects the rule file", "remove them, or make the rule an alert"));
    }
    names(ref, path + ".labels", "label", r.getLabels(), problems);
    names(ref, path + ".annotations", "annotation", r.getAnnotations(), problems);
    if (alert) {
      templates(ref, path + ".labels", "label", r.getAlert(), group, r.getLabels(), problems);
      templates(ref, path + ".annotations", "annotation", r.getAlert(), group, r.getAnnotations(), problems);
    }
    duration(ref, path + ".for", r.getFor(), problems);
    duration(ref, path + ".keep_firing_for", r.getKeepFiringFor(), problems);
    String expr = r.getExpr() == null ? null
        : r.getExpr().getStrVal() != null ? r.getExpr().getStrVal() : String.valueOf(r.getExpr().getIntVal());
    Optional<String> error = PromQl.check(expr);
    if (error.isPresent()) {
      problems.add(Problem.error(ref, path + ".expr", "the expression does not parse: " + error.get(),
          "fix the PromQL; 'promtool check rules' on the rule file shows the same"));
      return;
    }
    Matcher matcher = NAMESPACE_MATCHER.matcher(expr);
    while (matcher.find()) {
      if (matcher.group(1).equals("=~") && !NAME_LIST.matcher(matcher.group(2)).matches()) continue;
      for (String ns : matcher.group(2).split("\\|")) {
        if (!context.namespaceExists(ns)) {
          problems.add(Problem.warning(ref, path + ".expr", "the expression selects namespace '" + ns + "', which"
              + " the spec neither creates nor declares pre-existing, so it selects nothing of the spec",
              "fix the namespace name, or declare it with " + ClusterSpec.preExistingNamespaceFix(ns)));
        }
      }
    }
  }

  /** Label and annotation names are label names to Prometheus; a rule's labels may not set the metric name. */
  private static void names(ResourceRef ref, String field, String what, Map<String, String> entries,
      List<Problem> problems) {
    if (entries == null) return;
    for (String name : new TreeSet<>(entries.keySet())) {
      if (!LABEL_NAME.matcher(name).matches()) {
        problems.add(Problem.error(ref, field, "'" + name + "' is not a valid " + what + " name; Prometheus 2"
            + " rejects the rule file (3.0 and later take any UTF-8 name)", "use letters, digits and '_', not"
            + " starting with a digit, such as '"
            + suggestion(name) + "'"));
      } else if (what.equals("label") && name.equals("__name__")) {
        problems.add(Problem.error(ref, field, "a rule may not set the label __name__; Prometheus rejects the rule"
            + " file", "remove it; name a recorded series with 'record'"));
      }
    }
  }

  /** An alert's label and annotation values are Go templates, which Prometheus parses when it loads the file. */
  private static void templates(ResourceRef ref, String field, String what, String alert, String group,
      Map<String, String> entries, List<Problem> problems) {
    if (entries == null) return;
    String rule = "alert '" + alert + "' in group '" + group + "'";
    new TreeMap<>(entries).forEach((name, value) -> GoTemplate.check(value == null ? "" : value, alert)
        .ifPresent(error -> problems.add(TemplateProblems.of(ref, field + "." + name,
            what + " '" + name + "' of " + rule, error))));
  }

  private static String suggestion(String name) {
    String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static void duration(ResourceRef ref, String field, String text, List<Problem> problems) {
    if (text != null && PromDuration.parse(text).isEmpty()) {
      problems.add(Problem.error(ref, field, "'" + text + "' is not a Prometheus duration",
          "use whole numbers with the units y, w, d, h, m, s, ms, largest first, such as '1h30m'"));
    }
  }
}
