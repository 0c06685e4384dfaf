package dev.shipshape.mesh.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.ExternalHost;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.internal.DestinationRules.Rule;
import dev.shipshape.mesh.internal.SpecServices.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the spec's DestinationRules a gateway uses, as istiod builds a gateway's scope
 * ({@code DefaultSidecarScopeForGateway} in istio/istio {@code pilot/pkg/model/sidecar.go}): for each service visible
 * in the gateway's namespace ({@code servicesExportedToNamespace}, see {@link SpecServices}), the rule it looks up
 * for the service's host ({@code destinationRule} in {@code pilot/pkg/model/push_context.go}):
 * <ol>
 *   <li>the rules visible in the proxy's own namespace: those of the namespace whose {@code exportTo} is unset,
 *       {@code *}, {@code .} or the namespace's name (in the root namespace {@code istio-system}, only its rules
 *       exported to itself alone);</li>
 *   <li>else the rules of the namespace of that service (a Service's, a ServiceEntry's) that are exported to the
 *       proxy's namespace ({@code exportTo} unset, {@code *} or naming it);</li>
 *   <li>else the rules of the root namespace exported to the proxy's namespace.</li>
 * </ol>
 * The chain runs for each service on its own: a wildcard rule may lose one service's host to a rule of that
 * service's namespace and still be the one a proxy uses for another service's. Within a step, the rules of the
 * most specific host that covers the service's host count (the host itself, else the longest wildcard;
 * {@code MostSpecificHostMatch}), exported ones filtered only after that choice, as istiod does. A rule with a
 * {@code workloadSelector} is exported to its own namespace only. The services are the spec's Services and
 * ServiceEntries; a cluster Service the rule's host names ({@code NAME.NAMESPACE.svc.cluster.local}) and a
 * ServiceEntry declared pre-existing for the host in the rule's namespace are taken to be visible everywhere, and
 * where the spec tells no service for the rule's host, the host in the rule's own namespace is. Mesh-wide defaults
 * ({@code defaultDestinationRuleExportTo}, {@code defaultServiceExportTo}) are Istio's: {@code *}.
 *
 * <p>Several rules of one namespace for the same host are merged by istiod into one ({@code mergeDestinationRule}:
 * subsets are joined and, the rules taken oldest first, the first top-level {@code trafficPolicy} wins), so that the
 * client TLS settings of only one of them take effect, and of several services with one host a gateway keeps one
 * ({@code appendSidecarServices}, the oldest). The spec tells no creation order: every such rule and service counts,
 * which over-reports the credentials of the rules istiod drops.
 *
 * <p>A lookup answers for one run of a check: it remembers the rules chosen per host and namespace and the hosts a
 * rule serves per namespace, and counts its steps (each map probe and each service considered), so that a test can
 * tell that the work grows with the spec, not with its square.
 */
final class DestinationRuleLookup {
  private record Choice(String host, String serviceNamespace, String client) {}

  private record Use(ResourceRef rule, String client) {}

  private final SpecContext context;
  private final DestinationRules rules;
  private SpecServices services;
  private final Map<Choice, List<Rule>> chosen = new HashMap<>();
  private final Map<Use, List<String>> used = new HashMap<>();
  private long steps;

  DestinationRuleLookup(SpecContext context) {
    this.context = context;
    this.rules = DestinationRules.of(context);
  }

  /** The map probes and services considered so far. */
  long steps() {
    return steps;
  }

  /**
   * The hosts of the services for which proxies of {@code namespace} use {@code rule}, in the order the spec gives
   * the services; empty when they use it for none.
   */
  List<String> hostsUsedIn(String namespace, Rule rule) {
    return used.computeIfAbsent(new Use(rule.ref(), namespace), use -> hostsServed(namespace, rule));
  }

  /**
   * The namespaces, among the rule's own and those its {@code exportTo} names, whose proxies use the rule
   * ({@link #hostsUsedIn}): where gateways of those namespaces would read its credentials. A rule exported to every
   * namespace reaches others too, which the spec does not name; an entry that can name no namespace ({@code ~},
   * upper-case letters) reaches none.
   */
  Set<String> reachedNamespaces(Rule rule) {
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(rule.namespace());
    rule.exportTo().stream().filter(e -> Names.checkDns1123Label(e).isEmpty()).forEach(candidates::add);
    Set<String> reached = new LinkedHashSet<>();
    for (String namespace : candidates) {
      if (!hostsUsedIn(namespace, rule).isEmpty()) reached.add(namespace);
    }
    return reached;
  }

  private List<String> hostsServed(String client, Rule rule) {
    boolean own = client.equals(rule.namespace())
        && (client.equals(MeshSpec.ROOT_NAMESPACE) ? rule.privateOnly() : rule.local());
    if (!own && !rule.exportedTo(client)) return List.of();
    Set<String> hosts = new LinkedHashSet<>();
    for (Service service : servicesOf(rule)) {
      steps++;
      if (service.visibleTo(client) && chosen(service, client).contains(rule)) hosts.add(service.host());
    }
    return List.copyOf(hosts);
  }

  /** The rules istiod gives proxies of {@code client} for {@code service}: the first step of the chain with any. */
  private List<Rule> chosen(Service service, String client) {
    return chosen.computeIfAbsent(new Choice(service.host(), service.namespace(), client), choice -> {
      List<Rule> used = mostSpecific(service.host(), client.equals(MeshSpec.ROOT_NAMESPACE) ? rules.rootPrivate()
          : rules.localIn(client));
      if (used.isEmpty()) used = exported(service.host(), service.namespace(), client);
      if (used.isEmpty()) used = exported(service.host(), MeshSpec.ROOT_NAMESPACE, client);
      return used;
    });
  }

  /** The rules of {@code owner} exported to {@code client} among those of the most specific host. */
  private List<Rule> exported(String host, String owner, String client) {
    return mostSpecific(host, rules.exportedFrom(owner)).stream().filter(r -> r.exportedTo(client)).toList();
  }

  /**
   * The rules of {@code byHost} for the most specific host that covers {@code host}, as {@code MostSpecificHostMatch}
   * picks it: the host itself, else the longest wildcard {@code *X} such that the host ({@code *} left out of a
   * wildcard host) ends with {@code X}. The wildcards are probed from the longest suffix of the host to the empty one.
   */
  private List<Rule> mostSpecific(String host, Map<String, List<Rule>> byHost) {
    steps++;
    List<Rule> exact = byHost.get(host);
    if (exact != null || byHost.isEmpty()) return exact == null ? List.of() : exact;
    String needle = host.startsWith("*") ? host.substring(1) : host;
    for (int i = 0; i <= needle.length(); i++) {
      steps++;
      List<Rule> wildcard = byHost.get("*" + needle.substring(i));
      if (wildcard != null) return wildcard;
    }
    return List.of();
  }

  /**
   * The services whose hosts the rule's host covers: the spec's Services and ServiceEntries, a cluster Service the
   * host names ({@code NAME.NAMESPACE.svc.cluster.local}) when the spec has none, and, in the rule's own namespace,
   * a ServiceEntry declared pre-existing for the host. The host in the rule's own namespace when the spec tells none.
   */
  private List<Service> servicesOf(Rule rule) {
    String host = rule.fqdn();
    List<Service> found = new ArrayList<>(host.startsWith("*") ? services().coveredBy(host)
        : services().withHost(host));
    String suffix = "." + Hosts.CLUSTER_DOMAIN;
    if (!host.startsWith("*") && host.endsWith(suffix)) {
      String[] parts = host.substring(0, host.length() - suffix.length()).split("\\.");
      if (parts.length == 2 && found.stream().noneMatch(s -> s.namespace().equals(parts[1]))) {
        found.add(Service.everywhere(host, parts[1]));
      }
    }
    if (context.isPreExisting(ExternalHost.declared(rule.namespace(), host))) {
      found.add(Service.everywhere(host, rule.namespace()));
    }
    return found.isEmpty() ? List.of(Service.everywhere(host, rule.namespace())) : found;
  }

  private SpecServices services() {
    if (services == null) {
      services = new SpecServices(context, rules.all().stream().map(Rule::fqdn).filter(h -> h.startsWith("*"))
          .toList());
    }
    return services;
  }
}
