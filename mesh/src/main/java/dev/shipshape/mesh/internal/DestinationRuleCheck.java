package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.ExportToRules;
import dev.shipshape.mesh.analysis.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every DestinationRule of the spec, whatever made it, as Istio's validation judges its {@code exportTo}
 * ({@link ExportToRules}, errors, as {@code schema.ValidationAnalyzer.DestinationRule} reports them too); and an
 * entry that Istio accepts but that can name no namespace, as it has upper-case letters (Istio's validation takes a
 * DNS-1123 label in either case, Kubernetes names namespaces in lower case only): a warning, since no proxy gets the
 * rule through that entry.
 */
public final class DestinationRuleCheck implements SpecCheck {
  @Override
  public String name() {
    return "mesh-destination-rules";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (DestinationRules.Rule rule : DestinationRules.of(context).all()) {
      ExportToRules.destinationRule(rule.spec(), rule.namespace(), (error, field, detail, fix) ->
          problems.add(error ? Problem.error(rule.ref(), field, detail, fix)
              : Problem.warning(rule.ref(), field, detail, fix)));
      List<JsonNode> exportTo = Json.list(rule.spec().path("exportTo"));
      for (int i = 0; i < exportTo.size(); i++) {
        String entry = exportTo.get(i).asText();
        if (exportTo.get(i).isTextual() && ExportToRules.istioLabel(entry)
            && !Names.checkDns1123Label(entry).isEmpty()) {
          problems.add(Problem.warning(rule.ref(), "spec.exportTo[" + i + "]", "exportTo entry \"" + entry
                  + "\" names no namespace: Istio accepts upper-case letters here, but namespace names are lower "
                  + "case, so no proxy gets the rule through this entry",
              "write the namespace's name, " + entry.toLowerCase(Locale.ROOT) + " if that is the one meant"));
        }
      }
    }
    return problems;
  }
}
