package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of Istio's validation of an {@code exportTo} ({@code validateExportTo}, called by
 * {@code ValidateDestinationRule} and {@code ValidateServiceEntry} in istio/istio
 * {@code pkg/config/validation/validation.go}; the entries as {@code visibility.Instance.Validate} in
 * {@code pkg/config/visibility} reads them), all errors:
 * <ul>
 *   <li>each entry is a string: the CRD's items are strings, and the API server refuses any other value, a
 *       {@code null} too ("must be of type string");</li>
 *   <li>each entry is {@code .} (the object's own namespace), {@code *} (every namespace) or a DNS-1123 label as
 *       Istio's {@code labels.IsDNS1123Label} reads it: letters of either case, digits and {@code -}, at most 63
 *       characters; {@code ~} (no namespace) is for ServiceEntries only, and alone;</li>
 *   <li>no entry twice, {@code .} counting as the object's own namespace: {@code [., shop]} in shop is a
 *       duplicate;</li>
 *   <li>{@code *} stands alone;</li>
 *   <li>a DestinationRule with a {@code workloadSelector} is exported to its own namespace only ({@code .} or its
 *       name, once), its workloads being there.</li>
 * </ul>
 * Shared by planning ({@code DestinationRuleCheck}, over every DestinationRule of the spec; {@code ExternalHost}) and
 * the {@code schema.ValidationAnalyzer} of DestinationRules and ServiceEntries.
 */
public final class ExportToRules {
  private static final String PRIVATE = ".";
  private static final String PUBLIC = "*";
  private static final String NONE = "~";
  /** Istio's {@code labels.IsDNS1123Label}, which, unlike Kubernetes' names, takes upper-case letters. */
  private static final Pattern ISTIO_LABEL = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");

  private ExportToRules() {}

  /**
   * Checks the {@code exportTo} of a DestinationRule's {@code spec} in {@code namespace} (where the API server puts
   * a rule that names none: {@code default}).
   */
  public static void destinationRule(JsonNode spec, String namespace, RuleSink out) {
    Set<String> valid = entries(spec.path("exportTo"), namespace, false, out);
    if (spec.path("workloadSelector").isObject() && !valid.isEmpty()) {
      if (!valid.contains(namespace)) {
        out.error("spec.exportTo", "destination rule with workload selector cannot have exportTo beyond current "
            + "namespace", "export the rule to . (its workloads are in " + namespace + "), or remove exportTo");
      } else if (valid.size() > 1) {
        out.error("spec.exportTo", "destination rule with workload selector cannot have multiple entries in "
            + "exportTo", "keep only . (its workloads are in " + namespace + "), or remove exportTo");
      }
    }
    publicAlone(spec.path("exportTo"), valid, "rule", out);
  }

  /** Checks the {@code exportTo} of a ServiceEntry's {@code spec} in {@code namespace}: {@code ~} is allowed alone. */
  public static void serviceEntry(JsonNode spec, String namespace, RuleSink out) {
    Set<String> valid = entries(spec.path("exportTo"), namespace, true, out);
    publicAlone(spec.path("exportTo"), valid, "entry", out);
    if (valid.contains(NONE) && spec.path("exportTo").size() > 1) {
      out.error("spec.exportTo", "cannot export service entry to no one (~) and someone",
          "keep ~ alone to hide the entry from every namespace, or list the namespaces that see it without ~");
    }
  }

  /** True when {@code entry} is a namespace name as Istio's validation takes one, in either case. */
  public static boolean istioLabel(String entry) {
    return entry.length() <= 63 && ISTIO_LABEL.matcher(entry).matches();
  }

  /** Checks each entry; the valid ones, {@code .} as {@code namespace}. */
  private static Set<String> entries(JsonNode exportTo, String namespace, boolean serviceEntry, RuleSink out) {
    List<JsonNode> entries = Json.list(exportTo);
    String object = serviceEntry ? "entry" : "rule";
    Set<String> valid = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String at = "spec.exportTo[" + i + "]";
      if (!entries.get(i).isTextual()) {
        out.error(at, "exportTo entry " + entries.get(i) + " is not a string: the CRD's entries are strings, and "
            + "the API server refuses any other value", "write a namespace name, . or * (in quotes where YAML would "
            + "read another type), or remove the entry");
        continue;
      }
      String entry = entries.get(i).asText();
      String key = entry.equals(PRIVATE) ? namespace : entry;
      if (valid.contains(key)) {
        if (!key.equals(entry)) {
          out.error(at, "duplicate entries in exportTo: . and current namespace " + namespace,
              "keep one of them: . and " + namespace + " both name the " + object + "'s own namespace");
        } else {
          out.error(at, "duplicate entries in exportTo for entry " + entry, "list each namespace once");
        }
      } else if (key.equals(NONE) && !serviceEntry) {
        out.error(at, "exportTo ~ (none) is not allowed for Istio configuration objects", "remove ~, which only a "
            + "ServiceEntry takes; export the rule to . for proxies of its own namespace only");
      } else if (!key.equals(PUBLIC) && !key.equals(NONE) && !istioLabel(key)) {
        out.error(at, "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry: \"" + entry + "\"",
            "give a namespace name (lower-case letters, digits and '-'), . for the " + object + "'s own namespace "
                + "or * for every namespace");
      } else {
        valid.add(key);
      }
    }
    return valid;
  }

  private static void publicAlone(JsonNode exportTo, Set<String> valid, String object, RuleSink out) {
    if (valid.contains(PUBLIC) && exportTo.size() > 1) {
      out.error("spec.exportTo", "cannot have both public (*) and non-public exportTo values for a resource",
          "keep * alone to export the " + object + " to every namespace, or list the namespaces without *");
    }
  }
}
