package dev.shipshape.core.internal.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import java.util.Objects;

/** Host {@code from} replaced by {@code to} in every Ingress: its rules' {@code host} and its TLS {@code hosts}. */
public record IngressHostOverride(String from, String to) implements EnvironmentOverride {

  public IngressHostOverride {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
  }

  @Override
  public String description() {
    return "Ingress host " + from + ": " + to;
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.ref().groupKind().equals("Ingress.networking.k8s.io")) return false;
    boolean concerned = false;
    JsonNode spec = object.tree().path("spec");
    for (JsonNode rule : spec.path("rules")) {
      if (from.equals(rule.path("host").asText(null))) {
        ((ObjectNode) rule).put("host", to);
        concerned = true;
      }
    }
    for (JsonNode tls : spec.path("tls")) {
      JsonNode hosts = tls.path("hosts");
      for (int i = 0; i < hosts.size(); i++) {
        if (from.equals(hosts.get(i).asText(null))) {
          ((ArrayNode) hosts).set(i, TextNode.valueOf(to));
          concerned = true;
        }
      }
    }
    return concerned;
  }
}
