package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.ExternalHost;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of the spec's DestinationRules a proxy uses, as istiod looks a rule up for each service the proxy sees
 * ({@code destinationRule} and {@code setDestinationRules} in istio/istio {@code pilot/pkg/model/push_context.go}),
 * for the service's host:
 * <ol>
 *   <li>the rules visible in the proxy's own namespace: those of the namespace whose {@code exportTo} is unset,
 *       {@code *}, {@code .} or the namespace's name (in the root namespace {@code istio-system}, only its rules
 *       exported to itself alone);</li>
 *   <li>else the rules of the namespace of that service (a Service's, a ServiceEntry's) that are exported to the
 *       proxy's namespace ({@code exportTo} unset, {@code *} or naming it);</li>
 *   <li>else the rules of the root namespace exported to the proxy's namespace.</li>
 * </ol>
 * The chain runs for each service on its own: a wildcard rule may lose one service's host to a rule of that
 * service's namespace and still be the one a proxy uses for another service's. A proxy uses a rule when the chain
 * picks it for at least one of the services whose hosts the rule's host covers. Within a step, the rules of the
 * most specific host that covers the service's host count (the host itself, else the longest wildcard;
 * {@code MostSpecificHostMatch}), exported ones filtered only after that choice, as istiod does. A rule with a
 * {@code workloadSelector} is exported to its own namespace only. A rule in any other namespace is used by proxies
 * of its own namespace only, whatever its {@code exportTo}. The services are the spec's Services and ServiceEntries;
 * where the spec has none for the rule's host, the host's Service namespace ({@code NAME.NAMESPACE.svc.cluster
 * .local}) or, failing that, the rule's own namespace is taken for it. Mesh-wide defaults
 * ({@code defaultDestinationRuleExportTo}) are Istio's: {@code *}.
 *
 * <p>Several rules of one namespace for the same host are merged by istiod into one ({@code mergeDestinationRule}:
 * subsets are joined and, the rules taken oldest first, the first top-level {@code trafficPolicy} wins), so that the
 * client TLS settings of only one of them take effect. The spec tells no creation order: every such rule counts as
 * used, which over-reports the credentials of the rules whose traffic policy istiod drops.
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

  /** A service a proxy may see: its fully qualified host and its namespace. */
  private record Service(String host, String namespace) {}

  private final SpecContext context;
  private final Map<ResourceRef, Rule> rules = new LinkedHashMap<>();
  private final Map<String, List<Rule>> byNamespace = new LinkedHashMap<>();
  /** The spec's Services and the hosts of its ServiceEntries, in spec order. */
  private final List<Service> services = new ArrayList<>();

  private DestinationRuleLookup(SpecContext context) {
    this.context = context;
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      Rule rule = rule(dr);
      rules.put(rule.ref(), rule);
      byNamespace.computeIfAbsent(rule.namespace(), k -> new ArrayList<>()).add(rule);
    }
    for (HasMetadata se : context.resources(IstioObjects.NETWORKING, "ServiceEntry")) {
      String ns = CredentialProblems.namespace(se);
      for (String host : Json.strings(IstioObjects.spec(se).path("hosts"))) {
        services.add(new Service(Hosts.fqdn(ns, host), ns));
      }
    }
    for (HasMetadata service : context.resources("", "Service")) {
      String ns = CredentialProblems.namespace(service);
      services.add(new Service(IstioObjects.serviceHost(ns, service.getMetadata().getName()), ns));
    }
  }

  /** The lookup over the spec's rules, built once per plan. */
  static DestinationRuleLookup of(SpecContext context) {
    return context.shared(DestinationRuleLookup.class, DestinationRuleLookup::new);
  }

  /** True when proxies of {@code namespace} use the DestinationRule {@code dr} of the spec for some service. */
  boolean usedIn(String namespace, HasMetadata dr) {
    Rule rule = rules.get(ResourceRef.of(dr));
    return servicesOf(rule).stream().anyMatch(service -> chosen(service, namespace).contains(rule));
  }

  /**
   * The namespaces, among the rule's own and those its {@code exportTo} names, whose proxies use the rule
   * ({@link #usedIn}): where gateways of those namespaces would read its credentials. A rule exported to every
   * namespace reaches others too, which the spec does not name.
   */
  Set<String> reachedNamespaces(HasMetadata dr) {
    Rule rule = rules.get(ResourceRef.of(dr));
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(rule.namespace());
    rule.exportTo().stream().filter(e -> !e.equals("*") && !e.equals(".")).forEach(candidates::add);
    Set<String> reached = new LinkedHashSet<>();
    for (String namespace : candidates) {
      if (usedIn(namespace, dr)) reached.add(namespace);
    }
    return reached;
  }

  /** The rules istiod gives proxies of {@code client} for {@code service}: the first step of the chain with any. */
  private List<Rule> chosen(Service service, String client) {
    List<Rule> used = client.equals(MeshSpec.ROOT_NAMESPACE)
        ? mostSpecific(service.host(), client, Rule::privateOnly)
        : mostSpecific(service.host(), client, Rule::local);
    if (used.isEmpty()) used = exported(service.host(), service.namespace(), client);
    if (used.isEmpty()) used = exported(service.host(), MeshSpec.ROOT_NAMESPACE, client);
    return used;
  }

  private static Rule rule(HasMetadata dr) {
    JsonNode spec = IstioObjects.spec(dr);
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
   * The services whose hosts the rule's host covers: the spec's Services and ServiceEntries, a cluster Service the
   * host names ({@code NAME.NAMESPACE.svc.cluster.local}), and, in the rule's own namespace, a ServiceEntry declared
   * pre-existing for the host. The host in the rule's own namespace when the spec tells none.
   */
  private Set<Service> servicesOf(Rule rule) {
    Set<Service> found = new LinkedHashSet<>();
    String suffix = "." + Hosts.CLUSTER_DOMAIN;
    if (!rule.host().startsWith("*") && rule.host().endsWith(suffix)) {
      String[] parts = rule.host().substring(0, rule.host().length() - suffix.length()).split("\\.");
      if (parts.length == 2) found.add(new Service(rule.host(), parts[1]));
    }
    for (Service service : services) {
      if (Hosts.subsetOf(service.host(), rule.host())) found.add(service);
    }
    if (context.isPreExisting(ExternalHost.declared(rule.namespace(), rule.host()))) {
      found.add(new Service(rule.host(), rule.namespace()));
    }
    return found.isEmpty() ? Set.of(new Service(rule.host(), rule.namespace())) : found;
  }
}
