package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.core.testing.TestManifests;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What Velero's CRDs make the API server do with the label selectors of Backups, Schedules and Restores, against
 * what the rules say it does. It refuses a requirement without a key or an operator (Required value), a null one
 * written there (which it prunes first), a null requirement, value or orLabelSelectors entry; it takes an empty key
 * or operator, an unknown operator, and prunes the entry of a null {@code matchLabels} value. The rules report as
 * refused by the API server exactly the fields a dry run refuses.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class SelectorControlPlaneTest {
  private static final String HOOK = "hooks:\n  resources:\n  - name: h\n    labelSelector: ";
  /** How the rules say the API server refuses an object. */
  private static final String REFUSED = "so the API server refuses the ";

  private record Case(String kind, String spec) {}

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String selector : List.of("{matchExpressions: [{key: app}]}", "{matchExpressions: [{operator: Exists}]}",
        "{matchExpressions: [{key: ~, operator: ~}]}", "{matchExpressions: [~]}",
        "{matchExpressions: [{key: app, operator: In, values: [~, db]}]}", "{matchExpressions: [{key: '', operator:"
            + " ''}]}", "{matchExpressions: [{key: app, operator: Like, values: [db]}]}",
        "{matchLabels: {app: db, tier: ~}}")) {
      cases.add(new Case("Backup", "labelSelector: " + selector));
      cases.add(new Case("Restore", "orLabelSelectors: [" + selector + "]"));
    }
    cases.add(new Case("Backup", "orLabelSelectors: [~, {matchLabels: {app: db}}]"));
    cases.add(new Case("Backup", "orLabelSelectors: [{matchExpressions: [{operator: In, values: [db]}]}]"));
    cases.add(new Case("Backup", HOOK + "{matchExpressions: [{key: app, values: [db]}]}"));
    cases.add(new Case("Schedule", "labelSelector: {matchExpressions: [{key: app}]}"));
    cases.add(new Case("Schedule", "orLabelSelectors: [~]"));
    cases.add(new Case("Schedule", HOOK + "{matchExpressions: [{operator: DoesNotExist}]}"));
    cases.add(new Case("Restore", "labelSelector: {matchExpressions: [{operator: Exists}]}"));
    cases.add(new Case("Restore", "orLabelSelectors: [~]"));
    cases.add(new Case("Restore", HOOK + "{matchExpressions: [{key: app}]}"));
    return cases;
  }

  @Test
  void theRulesReportAsRefusedExactlyWhatTheApiServerRefuses(KubernetesClient client) {
    CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"));
    String ns = "velero-selectors-" + System.nanoTime() % 100_000;
    TestNamespaces.create(client, ns);
    List<String> disagreements = new ArrayList<>();
    List<Case> cases = cases();
    int refused = 0;
    for (int i = 0; i < cases.size(); i++) {
      HasMetadata object = object(ns, "s" + i, cases.get(i));
      Set<String> server = ServerRefusals.fields(client, object);
      Set<String> rules = refusedByRules(ns, object);
      if (!server.isEmpty()) refused++;
      if (!server.equals(rules)) {
        disagreements.add(cases.get(i) + "\n  the server refuses " + server + ", the rules " + rules);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(refused).as("cases the server refuses").isEqualTo(cases.size() - 6);
  }

  @Test
  void theApiServerPrunesTheEntryOfANullMatchLabelsValue(KubernetesClient client) {
    CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"));
    String ns = "velero-pruned-" + System.nanoTime() % 100_000;
    TestNamespaces.create(client, ns);
    HasMetadata stored = client.resource(object(ns, "pruned", new Case("Backup",
        "labelSelector: {matchLabels: {app: db, tier: ~}}"))).dryRun().create();
    assertThat(Manifests.toTree(stored).path("spec").path("labelSelector").path("matchLabels").toString())
        .isEqualTo("{\"app\":\"db\"}");
  }

  /** The object of {@code c}, its selector lines in a Schedule's template or directly in the spec. */
  private static HasMetadata object(String ns, String name, Case c) {
    String selector = c.spec().indent(c.kind().equals("Schedule") ? 4 : 2);
    String spec = switch (c.kind()) {
      case "Schedule" -> "  schedule: '0 2 * * *'\n  template:\n    includedNamespaces: [" + ns + "]\n" + selector;
      case "Restore" -> "  backupName: b-1\n" + selector;
      default -> "  includedNamespaces: [" + ns + "]\n" + selector;
    };
    return Manifests.parse("apiVersion: velero.io/v1\nkind: " + c.kind() + "\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\nspec:\n" + spec).get(0);
  }

  /** The fields of the rules' problems that say the API server refuses the object. */
  private static Set<String> refusedByRules(String ns, HasMetadata object) {
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns), object)
        .preExistingCrd(Velero.CRDS).build();
    List<Problem> problems;
    try {
      problems = spec.plan().warnings();
    } catch (SpecValidationException e) {
      problems = e.problems();
    }
    return problems.stream().filter(p -> p.message().contains(REFUSED + object.getKind()))
        .map(p -> p.field().orElseThrow()).collect(Collectors.toCollection(TreeSet::new));
  }
}
