package dev.shipshape.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.security.rbac.analysis.RbacPath;

/** JSON renderings of the module's reports: pretty, stable field order. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  public static ObjectNode ref(ResourceRef ref) {
    ObjectNode node = object();
    node.put("group", ref.group()).put("kind", ref.kind());
    ref.namespace().ifPresent(ns -> node.put("namespace", ns));
    return node.put("name", ref.name());
  }

  public static ObjectNode rule(Rule rule) {
    ObjectNode node = object();
    if (!rule.apiGroups().isEmpty()) rule.apiGroups().forEach(node.putArray("apiGroups")::add);
    if (!rule.resources().isEmpty()) rule.resources().forEach(node.putArray("resources")::add);
    if (!rule.resourceNames().isEmpty()) rule.resourceNames().forEach(node.putArray("resourceNames")::add);
    if (!rule.nonResourceURLs().isEmpty()) rule.nonResourceURLs().forEach(node.putArray("nonResourceURLs")::add);
    rule.verbs().forEach(node.putArray("verbs")::add);
    return node;
  }

  public static ObjectNode path(RbacPath path) {
    ObjectNode node = object();
    node.set("binding", ref(path.binding()));
    node.set("role", ref(path.role()));
    path.aggregatedFrom().ifPresent(r -> node.set("aggregatedFrom", ref(r)));
    node.set("rule", rule(path.rule()));
    node.put("scope", path.namespace().orElse("cluster-wide"));
    return node;
  }
}
