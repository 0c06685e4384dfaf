package dev.shipshape.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The kube-state-metrics series of workloads that the alerting rules of PrometheusRule objects select: for each
 * selector of a {@code kube_deployment_*}, {@code kube_statefulset_*} or {@code kube_daemonset_*} series, its label
 * matchers. A workload is watched when a selector of its kind matches its {@code namespace} and its name label
 * ({@code deployment}, {@code statefulset}, {@code daemonset}); a matcher that is absent matches every value, as in
 * PromQL, so cluster-wide rules (kube-prometheus' {@code KubeDeploymentReplicasMismatch}) watch every workload.
 * Regex matchers are fully anchored, as Prometheus anchors them.
 */
final class AlertSelectors {
  private static final Pattern SELECTOR = Pattern.compile(
      "\\bkube_(deployment|statefulset|daemonset)_[a-zA-Z0-9_:]*\\s*(\\{([^}]*)})?");
  private static final Pattern MATCHER = Pattern.compile(
      "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')");

  /** One label matcher; a regex is compiled once (an invalid one matches nothing). */
  private static final class LabelMatcher {
    final String label;
    final String op;
    final String value;
    private final Pattern regex;

    LabelMatcher(String label, String op, String value) {
      this.label = label;
      this.op = op;
      this.value = value;
      this.regex = op.endsWith("~") ? compile(value) : null;
    }

    private static Pattern compile(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        return null;
      }
    }

    boolean matches(String actual) {
      switch (op) {
        case "=":
          return actual.equals(value);
        case "!=":
          return !actual.equals(value);
        default:
          boolean found = regex != null && regex.matcher(actual).matches();
          return op.equals("=~") == found;
      }
    }
  }

  // Per kind, the selectors with an exact namespace matcher by that namespace (monitoring writes one per
  // namespace, so a workload is tested against its own namespace's), and the others.
  private final Map<String, Map<String, List<List<LabelMatcher>>>> byNamespace = new HashMap<>();
  private final Map<String, List<List<LabelMatcher>>> others = new HashMap<>();
  private int alerts;

  /** The selectors of the alerting rules (not recording rules) of these PrometheusRule objects. */
  static AlertSelectors of(List<HasMetadata> prometheusRules) {
    AlertSelectors selectors = new AlertSelectors();
    for (HasMetadata rule : prometheusRules) {
      for (JsonNode group : Manifests.toTree(rule).path("spec").path("groups")) {
        for (JsonNode r : group.path("rules")) {
          if (r.path("alert").asText("").isEmpty()) continue;
          selectors.alerts++;
          selectors.add(r.path("expr").asText(""));
        }
      }
    }
    return selectors;
  }

  private void add(String expr) {
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      List<LabelMatcher> matchers = new ArrayList<>();
      if (m.group(3) != null) {
        Matcher each = MATCHER.matcher(m.group(3));
        while (each.find()) {
          String raw = each.group(4) != null ? each.group(4) : each.group(5);
          matchers.add(new LabelMatcher(each.group(1), each.group(2), unescape(raw)));
        }
      }
      Optional<String> namespace = matchers.stream().filter(x -> x.label.equals("namespace") && x.op.equals("="))
          .map(x -> x.value).findFirst();
      if (namespace.isPresent()) {
        byNamespace.computeIfAbsent(m.group(1), k -> new HashMap<>())
            .computeIfAbsent(namespace.get(), k -> new ArrayList<>()).add(matchers);
      } else {
        others.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(matchers);
      }
    }
  }

  /** The number of alerting rules read. */
  int alerts() {
    return alerts;
  }

  /** True when an alert selects the series of this workload: kind {@code Deployment}, its namespace and name. */
  boolean watches(String kind, String namespace, String name) {
    String label = kind.toLowerCase(java.util.Locale.ROOT);
    List<List<LabelMatcher>> own = byNamespace.getOrDefault(label, Map.of()).getOrDefault(namespace, List.of());
    return own.stream().anyMatch(selector -> selects(selector, label, namespace, name))
        || others.getOrDefault(label, List.of()).stream().anyMatch(selector -> selects(selector, label, namespace,
        name));
  }

  private static boolean selects(List<LabelMatcher> selector, String label, String namespace, String name) {
    for (LabelMatcher m : selector) {
      if (m.label.equals("namespace") && !m.matches(namespace)) return false;
      if (m.label.equals(label) && !m.matches(name)) return false;
    }
    return true;
  }

  /** A PromQL string's content as the regex or value it denotes: Go's escapes of quotes and backslashes. */
  private static String unescape(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char next = raw.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
