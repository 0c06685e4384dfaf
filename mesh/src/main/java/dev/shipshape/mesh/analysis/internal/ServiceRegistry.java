package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts the mesh knows, as Istio's analysis sees them: every ServiceEntry host and every Service's
 * {@code name.namespace.svc.cluster.local}, each under the namespaces it is exported to ({@code *} for all), with
 * its port numbers.
 */
final class ServiceRegistry {
  private static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

  /** A known host: its ports and the object that declares it. */
  static final class Entry {
    private final MeshObject source;
    private final List<Integer> ports;

    Entry(MeshObject source, List<Integer> ports) {
      this.source = source;
      this.ports = ports;
    }

    MeshObject source() {
      return source;
    }

    List<Integer> ports() {
      return ports;
    }
  }

  private final Map<String, Entry> byScopedHost = new LinkedHashMap<>();
  /** The wildcard hosts of {@link #byScopedHost}, grouped by the namespace they are exported to. */
  private final HostIndex<Entry> wildcardsByScope = new HostIndex<>();

  ServiceRegistry(MeshIndex index) {
    for (MeshObject se : index.all("ServiceEntry")) {
      List<Integer> ports = new ArrayList<>();
      for (JsonNode p : Json.list(se.spec().path("ports"))) ports.add(p.path("number").asInt());
      for (String scope : se.exportScopes(Json.strings(se.spec().path("exportTo")))) {
        for (String host : Json.strings(se.spec().path("hosts"))) {
          add(scope, Hosts.fqdn(se.namespace(), host), new Entry(se, ports));
        }
      }
    }
    for (MeshObject svc : index.all("Service")) {
      List<Integer> ports = ServicePorts.of(svc.tree());
      List<String> exportTo = new ArrayList<>();
      String annotation = svc.annotations().getOrDefault(EXPORT_TO_ANNOTATION, "");
      for (String e : annotation.split(",")) if (!e.isBlank()) exportTo.add(e.trim());
      for (String scope : svc.exportScopes(exportTo)) {
        add(scope, Hosts.fqdn(svc.namespace(), svc.name()), new Entry(svc, ports));
      }
    }
  }

  private void add(String scope, String host, Entry entry) {
    byScopedHost.putIfAbsent(scope + "/" + host, entry);
    if (host.startsWith("*")) wildcardsByScope.add(scope, host, entry);
  }

  /**
   * The entry a host names when looked up from a namespace: exported to that namespace first, then to all
   * namespaces, then a wildcard host that covers it.
   */
  Optional<Entry> lookup(String namespace, String host) {
    String fqdn = Hosts.fqdn(namespace, host);
    Entry local = byScopedHost.get(namespace + "/" + fqdn);
    if (local != null) return Optional.of(local);
    Entry global = byScopedHost.get("*/" + fqdn);
    if (global != null) return Optional.of(global);
    return wildcardsByScope.firstCovering(List.of(namespace, "*"), fqdn);
  }
}
