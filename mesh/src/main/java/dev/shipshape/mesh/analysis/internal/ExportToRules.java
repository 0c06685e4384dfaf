package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Names;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of Istio's validation of a DestinationRule's {@code exportTo} ({@code validateExportTo}, called by
 * {@code ValidateDestinationRule} in istio/istio {@code pkg/config/validation/validation.go}; the entries as
 * {@code visibility.Instance.Validate} in {@code pkg/config/visibility} reads them), all errors:
 * <ul>
 *   <li>each entry is {@code .} (the rule's own namespace), {@code *} (every namespace) or a namespace name, a
 *       DNS-1123 label; {@code ~} (no namespace) is for ServiceEntries only;</li>
 *   <li>no entry twice, {@code .} counting as the rule's own namespace: {@code [., shop]} in shop is a
 *       duplicate;</li>
 *   <li>{@code *} stands alone;</li>
 *   <li>a rule with a {@code workloadSelector} is exported to its own namespace only ({@code .} or its name, once),
 *       its workloads being there.</li>
 * </ul>
 * Shared by planning ({@code TlsCredentialsCheck}, over every DestinationRule of the spec) and the
 * {@code schema.ValidationAnalyzer.DestinationRule}.
 */
public final class ExportToRules {
  private static final String PRIVATE = ".";
  private static final String PUBLIC = "*";
  private static final String NONE = "~";

  private ExportToRules() {}

  /**
   * Checks the {@code exportTo} of a DestinationRule's {@code spec} in {@code namespace} (where the API server puts
   * a rule that names none: {@code default}).
   */
  public static void destinationRule(JsonNode spec, String namespace, RuleSink out) {
    List<String> exportTo = Json.strings(spec.path("exportTo"));
    Set<String> valid = new LinkedHashSet<>();
    for (int i = 0; i < exportTo.size(); i++) {
      String entry = exportTo.get(i);
      String key = entry.equals(PRIVATE) ? namespace : entry;
      String at = "spec.exportTo[" + i + "]";
      if (valid.contains(key)) {
        if (!key.equals(entry)) {
          out.error(at, "duplicate entries in exportTo: . and current namespace " + namespace,
              "keep one of them: . and " + namespace + " both name the rule's own namespace");
        } else {
          out.error(at, "duplicate entries in exportTo for entry " + entry, "list each namespace once");
        }
      } else if (key.equals(NONE)) {
        out.error(at, "exportTo ~ (none) is not allowed for Istio configuration objects", "remove ~, which only a "
            + "ServiceEntry takes; export the rule to . for proxies of its own namespace only");
      } else if (!key.equals(PUBLIC) && !Names.checkDns1123Label(key).isEmpty()) {
        out.error(at, "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry: \"" + entry + "\"",
            "give a namespace name (lower-case letters, digits and '-'), . for the rule's own namespace or * for "
                + "every namespace");
      } else {
        valid.add(key);
      }
    }
    if (spec.path("workloadSelector").isObject() && !valid.isEmpty()) {
      if (!valid.contains(namespace)) {
        out.error("spec.exportTo", "destination rule with workload selector cannot have exportTo beyond current "
            + "namespace", "export the rule to . (its workloads are in " + namespace + "), or remove exportTo");
      } else if (valid.size() > 1) {
        out.error("spec.exportTo", "destination rule with workload selector cannot have multiple entries in "
            + "exportTo", "keep only . (its workloads are in " + namespace + "), or remove exportTo");
      }
    }
    if (valid.contains(PUBLIC) && exportTo.size() > 1) {
      out.error("spec.exportTo", "cannot have both public (*) and non-public exportTo values for a resource",
          "keep * alone to export the rule to every namespace, or list the namespaces without *");
    }
  }
}
