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
import dev.shipshape.mesh.internal.IstioObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A host outside the cluster that the mesh may route to, as an Istio {@code ServiceEntry} ({@code MESH_EXTERNAL},
 * resolved by DNS, or not resolved at all for a wildcard host):
 *
 * <pre>{@code
 * ExternalHost.of("shop", "api.payments.example").port(443, "TLS")
 * }</pre>
 *
 * <p>Planning requires every destination host of the spec's VirtualServices to be a Service of the spec, a host of
 * a ServiceEntry of the spec (such as this one), or declared: a ServiceEntry that something else installs is
 * declared with {@code preExistingResource(ExternalHost.declared(namespace, host))}. The ServiceEntry is named
 * after the host ({@code *} becomes {@code wildcard}). By default, port 443 over TLS. Immutable.
 */
public final class ExternalHost implements Component {
  private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "GRPC", "HTTP2", "MONGO", "TCP", "TLS");

  private final String namespace;
  private final String host;
  private final Map<Integer, String> ports;

  private ExternalHost(String namespace, String host, Map<Integer, String> ports) {
    this.namespace = namespace;
    this.host = host;
    this.ports = ports;
  }

  /** A ServiceEntry in {@code namespace} for {@code host}, such as {@code api.example.com} or {@code *.example.com}. */
  public static ExternalHost of(String namespace, String host) {
    return new ExternalHost(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(host, "host == null"), Map.of());
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

  /** Adds a port with its protocol: HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS. */
  public ExternalHost port(int number, String protocol) {
    Map<Integer, String> all = new LinkedHashMap<>(ports);
    all.put(number, Objects.requireNonNull(protocol, "protocol == null"));
    return new ExternalHost(namespace, host, java.util.Collections.unmodifiableMap(all));
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
    ObjectNode spec = IstioObjects.node();
    spec.putArray("hosts").add(host);
    ArrayNode list = spec.putArray("ports");
    effectivePorts().forEach((number, protocol) -> list.addObject().put("number", number)
        .put("name", protocol.toLowerCase(java.util.Locale.ROOT) + "-" + number).put("protocol", protocol));
    spec.put("location", "MESH_EXTERNAL");
    // DNS resolution needs a name to resolve; a wildcard host is passed through to the address the client used.
    spec.put("resolution", host.startsWith("*") ? "NONE" : "DNS");
    return List.of(IstioObjects.object(IstioObjects.NETWORKING, "ServiceEntry", namespace, entryName(host), spec));
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
    effectivePorts().forEach((number, protocol) -> {
      if (number < 1 || number > 65535) {
        problems.add(Problem.error(ref, "spec.ports[" + number + "].number", "port " + number
            + " is not between 1 and 65535", "give the port the external host listens on"));
      }
      if (!PROTOCOLS.contains(protocol)) {
        problems.add(Problem.error(ref, "spec.ports[" + number + "].protocol", "protocol '" + protocol
            + "' is none of " + new java.util.TreeSet<>(PROTOCOLS), "use TLS for HTTPS that the client "
            + "encrypts itself, HTTP for plain HTTP, TCP for anything else"));
      }
    });
    return problems;
  }

  @Override
  public String toString() {
    return "ExternalHost(" + namespace + "/" + host + " " + effectivePorts() + ")";
  }
}
