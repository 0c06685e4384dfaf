package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.ServiceEntryRules;
import dev.shipshape.mesh.internal.IstioObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A host outside the cluster that the mesh may route to, as an Istio {@code ServiceEntry} ({@code MESH_EXTERNAL},
 * by default resolved by DNS, or not resolved at all for a wildcard host):
 *
 * <pre>{@code
 * ExternalHost.of("shop", "api.payments.example").port(443, "TLS")
 * ExternalHost.of("shop", "db.legacy.example").port(5432, "TCP").addresses("10.20.0.0/16")
 *     .resolution(HostResolution.STATIC).endpoints("10.20.0.5", "10.20.0.6")
 * }</pre>
 *
 * <p>Planning checks the entry as Istio's validation does: the host is a domain name with a wildcard only as the
 * whole first label (a partial wildcard such as {@code *example.com} is a warning), addresses are IP addresses or
 * CIDR blocks (CIDR blocks only with the resolution NONE or STATIC), a wildcard host cannot be resolved by DNS
 * without endpoints, NONE takes no endpoints, STATIC endpoints are IP addresses, DNS endpoints are IP addresses or
 * host names and DNS_ROUND_ROBIN takes one at most; a TCP port without addresses under the resolution NONE is a
 * warning (the sidecar would send every connection on that port to this entry).
 *
 * <p>Planning requires every destination host of the spec's VirtualServices to be a Service of the spec, a host of
 * a ServiceEntry of the spec (such as this one), or declared: a ServiceEntry that something else installs is
 * declared with {@code preExistingResource(ExternalHost.declared(namespace, host))}. The ServiceEntry is named
 * after the host ({@code *} becomes {@code wildcard}). By default, port 443 over TLS. Immutable.
 */
public final class ExternalHost implements Component {
  private final String namespace;
  private final String host;
  private final Map<Integer, String> ports;
  private final List<String> addresses;
  private final Optional<HostResolution> resolution;
  private final List<String> endpoints;

  private ExternalHost(String namespace, String host, Map<Integer, String> ports, List<String> addresses,
      Optional<HostResolution> resolution, List<String> endpoints) {
    this.namespace = namespace;
    this.host = host;
    this.ports = ports;
    this.addresses = addresses;
    this.resolution = resolution;
    this.endpoints = endpoints;
  }

  /** A ServiceEntry in {@code namespace} for {@code host}, such as {@code api.example.com} or {@code *.example.com}. */
  public static ExternalHost of(String namespace, String host) {
    return new ExternalHost(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(host, "host == null"), Map.of(), List.of(), Optional.empty(), List.of());
  }

  /**
   * The ServiceEntry for {@code host} in {@code namespace} that is installed outside the spec, to declare with
   * {@code ClusterSpec.Builder.preExistingResource(...)} so that routes to the host plan.
   */
  public static ResourceRef declared(String namespace, String host) {
    return ResourceRef.namespaced(IstioObjects.NETWORKING, "ServiceEntry",
        Objects.requireNonNull(namespace, "namespace == null"),
        entryName(Objects.requireNonNull(host, "host == null")));
  }

  /** The name of the ServiceEntry for a host: the host, with {@code *} as {@code wildcard}. */
  static String entryName(String host) {
    return host.replace("*", "wildcard");
  }

  /**
   * Adds a port with its protocol, one that Istio knows, in any case: HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB,
   * HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS or MYSQL. The protocol is written upper-cased, and the port is named
   * after it and its number ({@code tls-443}, {@code http-proxy-3128}). Planning reports a protocol Istio does not
   * know.
   */
  public ExternalHost port(int number, String protocol) {
    Map<Integer, String> all = new LinkedHashMap<>(ports);
    all.put(number, Objects.requireNonNull(protocol, "protocol == null").toUpperCase(Locale.ROOT));
    return new ExternalHost(namespace, host, java.util.Collections.unmodifiableMap(all), addresses, resolution,
        endpoints);
  }

  /**
   * The virtual IP addresses or CIDR blocks of the host ({@code spec.addresses}), which let the sidecar tell TCP
   * traffic to it from traffic to other hosts on the same port. Replaces the addresses given before.
   */
  public ExternalHost addresses(String... addresses) {
    return new ExternalHost(namespace, host, ports, copy(addresses, "addresses"), resolution, endpoints);
  }

  /** How the sidecar finds the host's addresses. By default, DNS, and NONE for a wildcard host. */
  public ExternalHost resolution(HostResolution resolution) {
    return new ExternalHost(namespace, host, ports, addresses,
        Optional.of(Objects.requireNonNull(resolution, "resolution == null")), endpoints);
  }

  /**
   * The addresses the sidecar sends connections to ({@code spec.endpoints}): IP addresses for STATIC, IP addresses
   * or host names for DNS. Replaces the endpoints given before.
   */
  public ExternalHost endpoints(String... addresses) {
    return new ExternalHost(namespace, host, ports, this.addresses, resolution, copy(addresses, "endpoints"));
  }

  private static List<String> copy(String[] values, String what) {
    Objects.requireNonNull(values, what + " == null");
    for (String v : values) Objects.requireNonNull(v, what + " element == null");
    return List.of(values);
  }

  public String host() {
    return host;
  }

  @Override
  public String name() {
    return "external-host " + namespace + "/" + entryName(host);
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of(IstioObjects.object(IstioObjects.NETWORKING, "ServiceEntry", namespace, entryName(host),
        spec()));
  }

  private ObjectNode spec() {
    ObjectNode spec = IstioObjects.node();
    spec.putArray("hosts").add(host);
    if (!addresses.isEmpty()) addresses.forEach(spec.putArray("addresses")::add);
    ArrayNode list = spec.putArray("ports");
    // A port name is a DNS label, which HTTP_PROXY's underscore is not.
    effectivePorts().forEach((number, protocol) -> list.addObject().put("number", number)
        .put("name", protocol.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + number).put("protocol", protocol));
    spec.put("location", "MESH_EXTERNAL");
    // DNS resolution needs a name to resolve; a wildcard host is passed through to the address the client used.
    spec.put("resolution", resolution.orElse(host.contains("*") ? HostResolution.NONE : HostResolution.DNS)
        .name());
    if (!endpoints.isEmpty()) endpoints.forEach(e -> spec.withArray("endpoints").addObject().put("address", e));
    return spec;
  }

  private Map<Integer, String> effectivePorts() {
    return ports.isEmpty() ? Map.of(443, "TLS") : ports;
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.SERVICE_ENTRIES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = declared(namespace, host);
    if (Hosts.fqdn(namespace, host).endsWith("." + Hosts.CLUSTER_DOMAIN)) {
      problems.add(Problem.error(ref, "spec.hosts", "host " + host + " is a name inside the cluster, not an "
          + "external host", "route to the Service itself, or give the external host's DNS name, such as "
          + "api.example.com"));
    }
    ServiceEntryRules.check(spec(), namespace, (error, field, detail, fix) -> problems.add(
        error ? Problem.error(ref, field, detail, fix) : Problem.warning(ref, field, detail, fix)));
    return problems;
  }

  @Override
  public String toString() {
    return "ExternalHost(" + namespace + "/" + host + " " + effectivePorts()
        + (addresses.isEmpty() ? "" : " addresses " + addresses) + resolution.map(r -> " " + r).orElse("")
        + (endpoints.isEmpty() ? "" : " endpoints " + endpoints) + ")";
  }
}
