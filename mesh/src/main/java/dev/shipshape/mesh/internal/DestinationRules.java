package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec's DestinationRules, each spec converted once per plan and shared by every check that reads them, looked up
 * by host: a traffic policy or route per tenant would otherwise read every tenant's DestinationRules. Besides the
 * rules by their fully qualified host, the index holds the pools istiod looks a rule up in
 * ({@code setDestinationRules} in istio/istio {@code pilot/pkg/model/push_context.go}), each by host (wildcards as
 * written, with their {@code *}), as its {@code consolidatedDestRules} do: per namespace the rules visible there
 * ({@link Rule#local}) and those exported elsewhere ({@code !}{@link Rule#privateOnly}), and the root namespace's
 * rules exported to itself alone.
 */
final class DestinationRules {
  /**
   * One DestinationRule.
   *
   * @param position its place among the spec's rules
   * @param ref the object
   * @param namespace its namespace, {@code default} when it names none (where the API server puts it)
   * @param host its host as written
   * @param fqdn the host made fully qualified in the rule's namespace ({@code ResolveShortnameToFQDN})
   * @param spec its spec as a tree, not to be changed
   * @param subsets the names of its subsets
   * @param exportTo its {@code exportTo}, {@code .} alone for a rule with a {@code workloadSelector}; an entry that is
   *     no string (which the CRD refuses) is kept as the empty name, which no namespace has
   */
  record Rule(int position, ResourceRef ref, String namespace, String host, String fqdn, JsonNode spec,
      List<String> subsets, Set<String> exportTo) {
    String name() {
      return ref.name();
    }

    /** Visible to proxies of its own namespace: {@code exportTo} unset, {@code *}, {@code .} or the namespace. */
    boolean local() {
      return exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(".") || exportTo.contains(namespace());
    }

    /** Exported to its own namespace alone. */
    boolean privateOnly() {
      return exportTo.size() == 1 && (exportTo.contains(".") || exportTo.contains(namespace()));
    }

    /** Exported to proxies of {@code client}, from the pool of rules exported beyond the rule's namespace. */
    boolean exportedTo(String client) {
      return !privateOnly() && (exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(client));
    }
  }

  private final List<Rule> all = new ArrayList<>();
  private final Map<String, List<Rule>> byFqdn = new HashMap<>();
  private final Map<String, Map<String, List<Rule>>> local = new HashMap<>();
  private final Map<String, Map<String, List<Rule>>> exported = new HashMap<>();
  private final Map<String, List<Rule>> rootPrivate = new HashMap<>();

  private DestinationRules(SpecContext context) {
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      Rule rule = rule(all.size(), dr);
      all.add(rule);
      byFqdn.computeIfAbsent(rule.fqdn(), k -> new ArrayList<>()).add(rule);
      if (rule.local()) add(local, rule);
      if (!rule.privateOnly()) {
        add(exported, rule);
      } else if (rule.namespace().equals(MeshSpec.ROOT_NAMESPACE)) {
        rootPrivate.computeIfAbsent(rule.fqdn(), k -> new ArrayList<>()).add(rule);
      }
    }
  }

  /** The index of the spec's rules, built once per plan. */
  static DestinationRules of(SpecContext context) {
    return context.shared(DestinationRules.class, DestinationRules::new);
  }

  /** Every rule, in spec order. */
  List<Rule> all() {
    return Collections.unmodifiableList(all);
  }

  /**
   * The rules for Service {@code namespace/service}, in spec order: those whose host is the Service's full name, and
   * those of its namespace that name it by its short name.
   */
  static List<Rule> forService(SpecContext context, String namespace, String service) {
    return List.copyOf(of(context).byFqdn.getOrDefault(IstioObjects.serviceHost(namespace, service), List.of()));
  }

  /** The rules visible to proxies of {@code namespace} among its own, by host. */
  Map<String, List<Rule>> localIn(String namespace) {
    return local.getOrDefault(namespace, Map.of());
  }

  /** The rules of {@code namespace} exported beyond it, by host. */
  Map<String, List<Rule>> exportedFrom(String namespace) {
    return exported.getOrDefault(namespace, Map.of());
  }

  /** The rules of the root namespace exported to it alone, by host. */
  Map<String, List<Rule>> rootPrivate() {
    return rootPrivate;
  }

  private static void add(Map<String, Map<String, List<Rule>>> pools, Rule rule) {
    pools.computeIfAbsent(rule.namespace(), k -> new HashMap<>())
        .computeIfAbsent(rule.fqdn(), k -> new ArrayList<>()).add(rule);
  }

  private static Rule rule(int position, HasMetadata dr) {
    JsonNode spec = IstioObjects.spec(dr);
    String ns = CredentialProblems.namespace(dr);
    List<String> subsets = new ArrayList<>();
    spec.path("subsets").forEach(s -> subsets.add(s.path("name").asText()));
    Set<String> exportTo = new LinkedHashSet<>();
    if (spec.path("workloadSelector").isObject()) {
      exportTo.add(".");
    } else {
      Json.list(spec.path("exportTo")).forEach(e -> exportTo.add(e.isTextual() ? e.asText() : ""));
    }
    String host = Json.text(spec.path("host"));
    return new Rule(position, ResourceRef.of(dr), ns, host, Hosts.fqdn(ns, host), spec, List.copyOf(subsets),
        Collections.unmodifiableSet(exportTo));
  }
}
