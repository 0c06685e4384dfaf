package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A DestinationRule's {@code exportTo} as Istio's validation judges it ({@code validateExportTo} in istio/istio
 * {@code pkg/config/validation/validation.go}): every problem is an error, at its indexed field, from planning (shown
 * with the check {@code mesh-destination-rules}) and the {@code schema.ValidationAnalyzer.DestinationRule} alike.
 */
class DestinationRuleExportToTest {
  /** A rule {@code name} in shop exported as given, with the workload selector {@code selector} (or none). */
  private static String rule(String name, String exportTo, String selector) {
    return String.join("\n", "---", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: " + name + ", namespace: shop}",
        "spec: {host: api.example.com, exportTo: " + exportTo + selector + "}", "");
  }

  private static final String SELECTOR = ", workloadSelector: {matchLabels: {app: web}}";

  /** What planning says of the rules' exportTo, as {@code SEVERITY name field: message — fix}. */
  private static List<String> planned(String yaml) {
    List<Problem> problems;
    try {
      problems = MeshFixtures.spec().yaml(yaml).build().plan().warnings();
    } catch (SpecValidationException e) {
      problems = e.problems();
    }
    List<Problem> exportTo = problems.stream().filter(p -> p.field().orElse("").startsWith("spec.exportTo"))
        .toList();
    assertThat(exportTo).allSatisfy(p -> assertThat(p.component()).contains("mesh-destination-rules"));
    return exportTo.stream().map(p -> p.severity() + " " + p.resource().orElseThrow().name() + " "
        + p.field().orElse("") + ": " + p.message() + " — " + p.fix()).collect(Collectors.toList());
  }

  /** What the analyzer says, in the same form: IST0106 is an error. */
  private static List<String> analyzed(String yaml) {
    return MeshAnalyzer.only(List.of("schema.ValidationAnalyzer.DestinationRule")).analyzeYaml(yaml).findings()
        .stream().filter(f -> f.field().orElse("").startsWith("spec.exportTo"))
        .map(f -> (f.equivalents().get(0).equals("IST0106") ? "ERROR " : "WARNING ") + f.resources().get(0).name()
            + " " + f.field().orElse("") + ": " + f.message().replaceFirst("^Schema validation error: ", "") + " — "
            + f.remediation().orElse(""))
        .collect(Collectors.toList());
  }

  /** The verdict of both, which must agree. */
  private static List<String> verdict(String yaml) {
    List<String> planned = planned(yaml);
    assertThat(analyzed(yaml)).as("the analyzer agrees with planning").containsExactlyInAnyOrderElementsOf(planned);
    return planned;
  }

  @Test
  void eachEntryIsDotStarOrANamespaceName() {
    String invalid = ": only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry: \"%s\" — give a "
        + "namespace name (lower-case letters, digits and '-'), . for the rule's own namespace or * for every "
        + "namespace";
    assertThat(verdict(rule("none", "['~']", "") + rule("under", "[team_2]", "") + rule("empty", "['']", "")
        + rule("long", "[" + "a".repeat(64) + "]", "") + rule("valid", "[edge, '.', team-2]", "")
        + rule("all", "['*']", ""))).containsExactlyInAnyOrder(
        "ERROR none spec.exportTo[0]: exportTo ~ (none) is not allowed for Istio configuration objects — remove ~, "
            + "which only a ServiceEntry takes; export the rule to . for proxies of its own namespace only",
        "ERROR under spec.exportTo[0]" + invalid.formatted("team_2"),
        "ERROR empty spec.exportTo[0]" + invalid.formatted(""),
        "ERROR long spec.exportTo[0]" + invalid.formatted("a".repeat(64)));
  }

  /** The API server refuses an entry that is no string: the CRD's entries are strings. */
  @Test
  void eachEntryIsAString() {
    assertThat(verdict(rule("nulled", "[edge, null]", ""))).containsExactly(
        "ERROR nulled spec.exportTo[1]: exportTo entry null is not a string: the CRD's entries are strings, and the "
            + "API server refuses any other value — write a namespace name, . or * (in quotes where YAML would read "
            + "another type), or remove the entry");
  }

  /**
   * Istio's validation takes a DNS-1123 label in either case ({@code labels.IsDNS1123Label} in istio/istio
   * {@code pkg/config/labels}), so the analyzer reports nothing; namespace names are lower case, so planning warns
   * that the entry names none.
   */
  @Test
  void anUpperCaseEntryIsValidButNamesNoNamespace() {
    String yaml = rule("upper", "[edge, Team]", "");
    assertThat(analyzed(yaml)).isEmpty();
    assertThat(planned(yaml)).containsExactly("WARNING upper spec.exportTo[1]: exportTo entry \"Team\" names no "
        + "namespace: Istio accepts upper-case letters here, but namespace names are lower case, so no proxy gets the "
        + "rule through this entry — write the namespace's name, team if that is the one meant");
  }

  @Test
  void noEntryComesTwiceTheDotBeingTheRulesOwnNamespace() {
    assertThat(verdict(rule("dot-last", "[shop, '.']", "") + rule("dot-first", "['.', shop]", "")
        + rule("twice", "[edge, team, edge]", ""))).containsExactlyInAnyOrder(
        "ERROR dot-last spec.exportTo[1]: duplicate entries in exportTo: . and current namespace shop — keep one of "
            + "them: . and shop both name the rule's own namespace",
        "ERROR dot-first spec.exportTo[1]: duplicate entries in exportTo for entry shop — list each namespace once",
        "ERROR twice spec.exportTo[2]: duplicate entries in exportTo for entry edge — list each namespace once");
  }

  @Test
  void theStarStandsAlone() {
    String both = "ERROR %s spec.exportTo: cannot have both public (*) and non-public exportTo values for a resource "
        + "— keep * alone to export the rule to every namespace, or list the namespaces without *";
    assertThat(verdict(rule("mixed", "['*', edge]", "") + rule("stars", "['*', '*']", ""))).containsExactlyInAnyOrder(
        both.formatted("mixed"),
        "ERROR stars spec.exportTo[1]: duplicate entries in exportTo for entry * — list each namespace once",
        both.formatted("stars"));
  }

  @Test
  void aRuleWithAWorkloadSelectorIsExportedToItsOwnNamespaceOnly() {
    String beyond = "ERROR %s spec.exportTo: destination rule with workload selector cannot have exportTo beyond "
        + "current namespace — export the rule to . (its workloads are in shop), or remove exportTo";
    assertThat(verdict(rule("elsewhere", "[edge]", SELECTOR) + rule("everywhere", "['*']", SELECTOR)
        + rule("more", "['.', edge]", SELECTOR) + rule("own", "[shop]", SELECTOR) + rule("dot", "['.']", SELECTOR)))
        .containsExactlyInAnyOrder(beyond.formatted("elsewhere"), beyond.formatted("everywhere"),
            "ERROR more spec.exportTo: destination rule with workload selector cannot have multiple entries in "
                + "exportTo — keep only . (its workloads are in shop), or remove exportTo");
  }

  /**
   * Distinct namespace names, with or without the dot, are valid; repeating any one entry at the end is exactly one
   * error, at that index.
   */
  @Property(tries = 30)
  void distinctNamespacesAreValidAndARepeatedEntryIsOneError(@ForAll("namespaces") List<String> namespaces,
      @ForAll boolean dot, @ForAll("indexes") int pick) {
    List<String> exportTo = new ArrayList<>(namespaces);
    if (dot) exportTo.add(".");
    String list = "['" + String.join("', '", exportTo) + "']";
    assertThat(verdict(rule("valid", list, ""))).isEmpty();
    String repeated = exportTo.get(pick % exportTo.size());
    exportTo.add(repeated);
    assertThat(verdict(rule("repeated", "['" + String.join("', '", exportTo) + "']", ""))).singleElement()
        .asString().startsWith("ERROR repeated spec.exportTo[" + (exportTo.size() - 1) + "]: duplicate entries");
  }

  @Provide
  Arbitrary<List<String>> namespaces() {
    return Arbitraries.of("edge", "team", "istio-system", "payments", "a1").list().uniqueElements().ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<Integer> indexes() {
    return Arbitraries.integers().between(0, 10);
  }
}
