package dev.shipshape.security.auditlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import java.util.List;

/** Writes an {@link AuditPolicy} as the file the API server reads, checked or not. */
final class AuditPolicyFile {
  private AuditPolicyFile() {}

  static String render(AuditPolicy policy) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", "audit.k8s.io/v1").put("kind", "Policy");
    stages(root, policy.omitStages());
    if (policy.omitManagedFields()) root.put("omitManagedFields", true);
    ArrayNode rules = root.putArray("rules");
    for (AuditPolicyRule rule : policy.rules()) {
      ObjectNode entry = rules.addObject().put("level", rule.level().wireName());
      strings(entry, "users", rule.users());
      strings(entry, "userGroups", rule.userGroups());
      strings(entry, "verbs", rule.verbs());
      if (!rule.resources().isEmpty()) {
        ArrayNode resources = entry.putArray("resources");
        for (AuditResources r : rule.resources()) {
          ObjectNode group = resources.addObject().put("group", r.group());
          strings(group, "resources", r.resources());
          strings(group, "resourceNames", r.resourceNames());
        }
      }
      strings(entry, "namespaces", rule.namespaces());
      strings(entry, "nonResourceURLs", rule.nonResourceURLs());
      stages(entry, rule.omitStages());
      rule.omitManagedFields().ifPresent(omit -> entry.put("omitManagedFields", omit));
    }
    // Core's writer quotes strings that YAML would read as numbers or booleans (a namespace named 2024).
    return Manifests.toYaml(root);
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    if (!values.isEmpty()) values.forEach(node.putArray(field)::add);
  }

  private static void stages(ObjectNode node, List<AuditStage> stages) {
    if (stages.isEmpty()) return;
    ArrayNode names = node.putArray("omitStages");
    stages.forEach(s -> names.add(s.wireName()));
  }
}
