package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's DestinationRules with their hosts and subsets, read once per plan and looked up by host: a traffic
 * policy or route per tenant would otherwise read every tenant's DestinationRules.
 */
final class DestinationRules {
  /** One DestinationRule: its place in the spec, namespace, name, host as written, and its subsets' names. */
  record Rule(int position, String namespace, String name, String host, List<String> subsets) { }

  private final Map<String, List<Rule>> byHost = new HashMap<>();

  private DestinationRules(SpecContext context) {
    int position = 0;
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      JsonNode spec = Manifests.toTree(dr).path("spec");
      List<String> subsets = new ArrayList<>();
      spec.path("subsets").forEach(s -> subsets.add(s.path("name").asText()));
      Rule rule = new Rule(position++, dr.getMetadata().getNamespace(), dr.getMetadata().getName(),
          spec.path("host").asText(""), List.copyOf(subsets));
      byHost.computeIfAbsent(rule.host(), k -> new ArrayList<>()).add(rule);
    }
  }

  /**
   * The rules for Service {@code namespace/service}, in spec order: those whose host is the Service's full name,
   * and those of its namespace that name it by its short name.
   */
  static List<Rule> forService(SpecContext context, String namespace, String service) {
    DestinationRules index = context.shared(DestinationRules.class, DestinationRules::new);
    List<Rule> rules = new ArrayList<>(index.byHost.getOrDefault(IstioObjects.serviceHost(namespace, service),
        List.of()));
    for (Rule rule : index.byHost.getOrDefault(service, List.of())) {
      if (namespace.equals(rule.namespace())) rules.add(rule);
    }
    rules.sort(Comparator.comparingInt(Rule::position));
    return rules;
  }
}
