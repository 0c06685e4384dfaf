package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.ExternalHost;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of the spec's DestinationRules a proxy uses for a host, as istiod looks it up ({@code destinationRule} and
 * {@code setDestinationRules} in istio/istio {@code pilot/pkg/model/push_context.go}):
 * <ol>
 *   <li>the rules visible in the proxy's own namespace: those of the namespace whose {@code exportTo} is unset,
 *       {@code *}, {@code .} or the namespace's name (in the root namespace {@code istio-system}, only its rules
 *       exported to itself alone);</li>
 *   <li>else the rules of the namespace of the host's Service or ServiceEntry that are exported to the proxy's
 *       namespace ({@code exportTo} unset, {@code *} or naming it);</li>
 *   <li>else the rules of the root namespace exported to the proxy's namespace.</li>
 * </ol>
 * Within a step, the rules of the most specific host that covers the host count (the host itself, else the longest
 * wildcard; {@code MostSpecificHostMatch}), exported ones filtered only after that choice, as istiod does. A rule with
 * a {@code workloadSelector} is exported to its own namespace only. A rule in any other namespace is used by proxies
 * of its own namespace only, whatever its {@code exportTo}. Where the spec does not tell the namespace of a host's
 * service, the rule's own namespace is taken for it. Mesh-wide defaults ({@code defaultDestinationRuleExportTo}) are
 * Istio's: {@code *}.
 */
final class DestinationRuleLookup {
  /** One rule: its reference, namespace, host made fully qualified in it, and the namespaces it is exported to. */
  private record Rule(ResourceRef ref, String namespace, String host, Set<String> exportTo) {
    boolean local() {
      return exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(".") || exportTo.contains(namespace);
    }

    boolean privateOnly() {
      return exportTo.size() == 1 && (exportTo.contains(".") || exportTo.contains(namespace));
    }

    boolean exportedTo(String client) {
      return !privateOnly() && (exportTo.isEmpty() || exportTo.contains("*") || exportTo.contains(client));
    }
  }

  private final SpecContext context;
  private final Map<String, List<Rule>> byNamespace = new HashMap<>();
  /** The namespaces of the spec's ServiceEntries, with their hosts made fully qualified there. */
  private final Map<String, List<String>> entryHosts = new HashMap<>();

  private DestinationRuleLookup(SpecContext context) {
    this.context = context;
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      Rule rule = rule(dr);
      byNamespace.computeIfAbsent(rule.namespace(), k -> new ArrayList<>()).add(rule);
    }
    for (HasMetadata se : context.resources(IstioObjects.NETWORKING, "ServiceEntry")) {
      String ns = CredentialProblems.namespace(se);
      for (String host : Json.strings(Manifests.toTree(se).path("spec").path("hosts"))) {
        entryHosts.computeIfAbsent(ns, k -> new ArrayList<>()).add(Hosts.fqdn(ns, host));
      }
    }
  }

  /** The lookup over the spec's rules, built once per plan. */
  static DestinationRuleLookup of(SpecContext context) {
    return context.shared(DestinationRuleLookup.class, DestinationRuleLookup::new);
  }

  /** True when proxies of {@code namespace} use the DestinationRule {@code dr} of the spec for its host. */
  boolean usedIn(String namespace, HasMetadata dr) {
    Rule rule = rule(dr);
    List<Rule> used;
    if (!namespace.equals(MeshSpec.ROOT_NAMESPACE)) {
      used = mostSpecific(rule.host(), namespace, Rule::local);
    } else {
      used = mostSpecific(rule.host(), namespace, Rule::privateOnly);
    }
    if (used.isEmpty()) {
      for (String serviceNamespace : serviceNamespaces(rule)) {
        used = exported(rule.host(), serviceNamespace, namespace);
        if (!used.isEmpty()) break;
      }
    }
    if (used.isEmpty()) used = exported(rule.host(), MeshSpec.ROOT_NAMESPACE, namespace);
    return used.stream().anyMatch(r -> r.ref().equals(rule.ref()));
  }

  private static Rule rule(HasMetadata dr) {
    JsonNode spec = Manifests.toTree(dr).path("spec");
    String ns = CredentialProblems.namespace(dr);
    Set<String> exportTo = spec.path("workloadSelector").isObject() ? Set.of(".")
        : new LinkedHashSet<>(Json.strings(spec.path("exportTo")));
    return new Rule(ResourceRef.of(dr), ns, Hosts.fqdn(ns, Json.text(spec.path("host"))), exportTo);
  }

  /** The rules of {@code owner} exported to {@code client} among those of the most specific host. */
  private List<Rule> exported(String host, String owner, String client) {
    return mostSpecific(host, owner, r -> !r.privateOnly()).stream().filter(r -> r.exportedTo(client)).toList();
  }

  /** The rules of {@code namespace} in {@code pool} whose host is the most specific one that covers {@code host}. */
  private List<Rule> mostSpecific(String host, String namespace, Predicate<Rule> pool) {
    List<Rule> covering = byNamespace.getOrDefault(namespace, List.of()).stream().filter(pool)
        .filter(r -> Hosts.subsetOf(host, r.host())).toList();
    return covering.stream().map(Rule::host)
        .max(Comparator.comparing((String h) -> h.equals(host)).thenComparingInt(String::length))
        .map(best -> covering.stream().filter(r -> r.host().equals(best)).toList()).orElse(List.of());
  }

  /**
   * The namespaces of the services the rule's host names: a cluster Service's ({@code NAME.NAMESPACE.svc.cluster
   * .local}), those of the spec's ServiceEntries for hosts it covers, and the rule's own when a ServiceEntry declared
   * pre-existing there has the host. The rule's own namespace when the spec tells none.
   */
  private Set<String> serviceNamespaces(Rule rule) {
    Set<String> namespaces = new LinkedHashSet<>();
    String suffix = "." + Hosts.CLUSTER_DOMAIN;
    if (!rule.host().startsWith("*") && rule.host().endsWith(suffix)) {
      String[] parts = rule.host().substring(0, rule.host().length() - suffix.length()).split("\\.");
      if (parts.length == 2) namespaces.add(parts[1]);
    }
    entryHosts.forEach((ns, hosts) -> {
      if (hosts.stream().anyMatch(h -> Hosts.subsetOf(h, rule.host()))) namespaces.add(ns);
    });
    if (context.isPreExisting(ExternalHost.declared(rule.namespace(), rule.host()))) namespaces.add(rule.namespace());
    return namespaces.isEmpty() ? Set.of(rule.namespace()) : namespaces;
  }
}
