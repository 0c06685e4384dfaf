package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The selector rule Velero's selectors are checked with ({@link LabelSelectorRules}) is the API server's: as a
 * NetworkPolicy's {@code spec.podSelector}, which the server validates with {@code ValidateLabelSelector}, each
 * selector is refused on exactly the fields the rule reports (the server reports a {@code matchLabels} entry at
 * {@code matchLabels}, the rule at the entry). Velero's own CRDs check no more of a selector than its types and that
 * each requirement has a key and an operator ({@link SelectorControlPlaneTest}), so a built-in kind is the server's
 * word on the rest. Selectors come both chosen and generated (a fixed seed, so that a failure repeats).
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LabelSelectorFidelityTest {
  private static final String NAMESPACE = "selector-fidelity";
  private static final String POLICY = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: pol,"
      + " namespace: " + NAMESPACE + "}\nspec:\n  podSelector: ";
  private static final List<String> KEYS = List.of("app", "example.com/tier", "Example.com/tier", "a.b/c/d", "-app",
      "", "/app", "app/", "bad key", "x".repeat(63), "x".repeat(64), "p".repeat(250) + ".com/app");
  private static final List<String> VALUES = List.of("db", "", "-db", "db_", "d.b", "a b", "x".repeat(63),
      "x".repeat(64));
  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "in", "Gt",
      "Equals", "");

  @Test
  void theRuleRefusesExactlyTheSelectorFieldsTheServerRefuses(KubernetesClient client) throws Exception {
    TestNamespaces.create(client, NAMESPACE);
    List<String> cases = cases();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Set<String>>> byServer = new ArrayList<>();
      for (String selector : cases) byServer.add(pool.submit(() -> fieldsRefusedByServer(client, selector)));
      List<String> disagreements = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < cases.size(); i++) {
        Set<String> server = byServer.get(i).get(60, TimeUnit.SECONDS);
        Set<String> ours = fieldsRefusedByRule(client, cases.get(i));
        if (!server.isEmpty()) refused++;
        if (!server.equals(ours)) {
          disagreements.add(cases.get(i) + "\n  the server refuses " + server + ", the rule " + ours);
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(refused).as("cases refused by the server").isGreaterThan(cases.size() / 2);
      assertThat(cases.size() - refused).as("cases the server accepts").isGreaterThanOrEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Each case, a selector in YAML's flow style. */
  private static List<String> cases() {
    List<String> cases = new ArrayList<>(List.of("{}", "{matchLabels: {}}", "{matchExpressions: []}",
        "{matchExpressions: [{key: app}]}", "{matchExpressions: [{operator: Exists}]}",
        "{matchLabels: {app: db, 'example.com/tier': ''}, matchExpressions: [{key: zone, operator: NotIn, values:"
            + " [a, b]}, {key: canary, operator: DoesNotExist}]}"));
    for (String key : KEYS) cases.add("{matchLabels: {" + quoted(key) + ": db}}");
    for (String value : VALUES) {
      cases.add("{matchLabels: {app: " + quoted(value) + "}}");
      cases.add(expression("app", "In", List.of(value)));
    }
    Random random = new Random(20_250_702);
    for (int i = 0; i < 60; i++) {
      List<String> values = new ArrayList<>();
      for (int v = random.nextInt(3); v > 0; v--) values.add(pick(random, VALUES));
      String expression = expression(pick(random, KEYS), pick(random, OPERATORS), values);
      cases.add(random.nextBoolean() ? expression : expression.replace("{matchExpressions", "{matchLabels: {"
          + quoted(pick(random, KEYS)) + ": " + quoted(pick(random, VALUES)) + "}, matchExpressions"));
    }
    return cases;
  }

  private static String expression(String key, String operator, List<String> values) {
    return "{matchExpressions: [{key: " + quoted(key) + ", operator: " + quoted(operator) + ", values: ["
        + values.stream().map(LabelSelectorFidelityTest::quoted).collect(Collectors.joining(", ")) + "]}]}";
  }

  /** The first, valid, entry half of the time, so that generated selectors are about as often valid as not. */
  private static String pick(Random random, List<String> from) {
    return from.get(random.nextBoolean() ? 0 : random.nextInt(from.size()));
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }

  /** The fields under {@code spec.podSelector} a server-side dry run refuses; empty when it accepts the policy. */
  private static Set<String> fieldsRefusedByServer(KubernetesClient client, String selector) {
    GenericKubernetesResource policy = client.getKubernetesSerialization().unmarshal(POLICY + selector + "\n",
        GenericKubernetesResource.class);
    return ServerRefusals.fields(client, policy).stream()
        .map(field -> field.replaceFirst("^spec\\.podSelector\\.", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The fields of the rule's problems, with a {@code matchLabels} entry read as the server names it. */
  private static Set<String> fieldsRefusedByRule(KubernetesClient client, String selector) {
    LabelSelector typed = client.getKubernetesSerialization().unmarshal(POLICY + selector + "\n",
        NetworkPolicy.class).getSpec().getPodSelector();
    return LabelSelectorRules.check(typed).stream().map(p -> p.field().orElseThrow())
        .map(field -> field.startsWith("matchLabels") ? "matchLabels" : field)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
