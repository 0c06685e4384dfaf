package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.ExternalHost;
import dev.shipshape.mesh.analysis.internal.HostIndex;
import dev.shipshape.mesh.analysis.internal.Hosts;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every destination host of the spec's VirtualServices (routes of {@code http}, {@code tcp} and {@code tls}, and
 * {@code mirror}) is a Service of the spec (or declared pre-existing), a host of one of the spec's ServiceEntries,
 * or a ServiceEntry declared pre-existing with {@link ExternalHost#declared}. Istio routes nowhere else: a request
 * to an unknown host fails with 503 (NR, no route). A Service in a namespace the spec does not create may be in the
 * cluster already, so that one is a warning, as core's reference checks do. The port of a route to a Service of
 * the spec is checked too ({@link RoutePorts}).
 */
public final class RouteHostsCheck implements SpecCheck {
  /** The one group of the ServiceEntries' hosts: a route may name a host of any namespace's entry. */
  private static final String ALL = "*";

  @Override
  public String name() {
    return "mesh-route-hosts";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    HostIndex<String> entryHosts = new HostIndex<>();
    for (HasMetadata se : context.resources(IstioObjects.NETWORKING, "ServiceEntry")) {
      String ns = se.getMetadata().getNamespace();
      for (String h : hosts(se)) {
        String host = Hosts.fqdn(ns, h);
        entryHosts.add(ALL, host, host);
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata vs : context.resources(IstioObjects.NETWORKING, "VirtualService")) {
      String ns = vs.getMetadata().getNamespace() == null ? "default" : vs.getMetadata().getNamespace();
      for (RouteTarget target : RouteTargets.of(vs)) check(context, vs, ns, target, entryHosts, problems);
    }
    return problems;
  }

  /**
   * The hosts of a ServiceEntry: through the model of a typed {@code networking/v1} one, as converting its spec into
   * a tree would take most of the time of this check; a null host reads as the tree reads it, "null".
   */
  private static List<String> hosts(HasMetadata serviceEntry) {
    List<String> hosts = new ArrayList<>();
    if (serviceEntry instanceof ServiceEntry typed) {
      if (typed.getSpec() != null && typed.getSpec().getHosts() != null) {
        typed.getSpec().getHosts().forEach(h -> hosts.add(String.valueOf(h)));
      }
    } else {
      IstioObjects.spec(serviceEntry).path("hosts").forEach(h -> hosts.add(h.asText()));
    }
    return hosts;
  }

  /** Checks the host of {@code target}, and its port when the host is a Service of the spec. */
  private static void check(SpecContext context, HasMetadata vs, String ns, RouteTarget target,
      HostIndex<String> entryHosts, List<Problem> problems) {
    String host = target.host();
    String field = target.at() + ".host";
    if (host.isEmpty()) return;
    String fqdn = Hosts.fqdn(ns, host);
    if (entryHosts.firstCovering(List.of(ALL), fqdn).isPresent()) return;
    for (String declaredNs : new String[] {ns, MeshSpec.ROOT_NAMESPACE}) {
      if (context.isPreExisting(ExternalHost.declared(declaredNs, host))) return;
    }
    ResourceRef ref = ResourceRef.of(vs);
    if (!fqdn.endsWith("." + Hosts.CLUSTER_DOMAIN)) {
      problems.add(Problem.error(ref, field, "host " + host + " is neither a Service of the spec nor declared "
              + "external nor a host of a ServiceEntry of the spec, so Istio has no route to it",
          "add ExternalHost.of(\"" + ns + "\", \"" + host + "\") (a ServiceEntry) to the spec, or declare a "
              + "ServiceEntry installed otherwise with preExistingResource(ExternalHost.declared(\"" + ns + "\", \""
              + host + "\"))"));
      return;
    }
    String[] key = Hosts.serviceKey(ns, host).split("/", 2);
    ResourceRef service = ResourceRef.core("Service", key[0], key[1]);
    Optional<HasMetadata> found = context.find(service);
    if (found.isPresent()) {
      problems.addAll(RoutePorts.check(ref, target, found.get()));
      return;
    }
    if (context.isPreExisting(service)) return;
    boolean cannotExist = context.namespaceInSpec(key[0]);
    problems.add(Problem.builder()
        .severity(cannotExist ? ProblemSeverity.ERROR : ProblemSeverity.WARNING)
        .resource(ref)
        .field(field)
        .message("host " + fqdn + " is no Service of the spec, nor declared external, nor a host of a "
            + "ServiceEntry of the spec" + (cannotExist ? "; namespace " + key[0] + " is created by this spec, "
            + "so the Service cannot exist yet" : "; namespace " + key[0] + " is not created by this spec, so the "
            + "cluster may hold it"))
        .fix("add Service " + key[0] + "/" + key[1] + " to the spec, or declare it with preExistingResource; for a "
            + "host outside the cluster add ExternalHost.of(\"" + ns + "\", \"" + host + "\")")
        .build());
  }
}
