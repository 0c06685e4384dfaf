package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services of the spec as istiod's registry holds them: a Service's host ({@code NAME.NAMESPACE.svc.cluster
 * .local}) and each host of a ServiceEntry, with the namespaces the service is visible in. A ServiceEntry's
 * {@code exportTo} and a Service's {@code networking.istio.io/exportTo} annotation (comma-separated, each entry
 * trimmed; {@code ConvertService} in istio/istio {@code pilot/pkg/serviceregistry/kube/conversion.go}) decide, read
 * as {@code initServiceRegistry} and {@code IsServiceVisible} in {@code pilot/pkg/model/push_context.go} read them:
 * unset is the mesh's {@code defaultServiceExportTo}, Istio's default {@code *}; {@code *} is every namespace, else
 * {@code ~} none; {@code .} is the service's own namespace, and a name that namespace.
 */
final class SpecServices {
  /** A service: its fully qualified host, its namespace and its {@code exportTo} entries. */
  record Service(String host, String namespace, Set<String> exportTo) {
    /** A service of {@code namespace} visible everywhere, as one outside the spec is taken to be. */
    static Service everywhere(String host, String namespace) {
      return new Service(host, namespace, Set.of());
    }

    /** True when proxies of {@code client} see the service. */
    boolean visibleTo(String client) {
      if (exportTo.isEmpty() || exportTo.contains("*")) return true;
      if (exportTo.contains("~")) return false;
      return exportTo.contains(client) || exportTo.contains(".") && client.equals(namespace);
    }
  }

  private static final String EXPORT_TO = "networking.istio.io/exportTo";

  private final Map<String, List<Service>> byHost = new HashMap<>();
  /** For each wildcard host of {@code wildcards} ({@code *X}), the services whose host ends with {@code X}. */
  private final Map<String, List<Service>> byWildcard = new HashMap<>();

  /** The services of the spec; those under each wildcard host of {@code wildcards} found once, here. */
  SpecServices(SpecContext context, Collection<String> wildcards) {
    List<Service> services = new ArrayList<>();
    for (HasMetadata se : context.resources(IstioObjects.NETWORKING, "ServiceEntry")) {
      String ns = CredentialProblems.namespace(se);
      JsonNode spec = IstioObjects.spec(se);
      Set<String> exportTo = new LinkedHashSet<>();
      Json.list(spec.path("exportTo")).forEach(e -> exportTo.add(e.isTextual() ? e.asText() : ""));
      for (String host : Json.strings(spec.path("hosts"))) {
        services.add(new Service(Hosts.fqdn(ns, host), ns, Set.copyOf(exportTo)));
      }
    }
    for (HasMetadata service : context.resources("", "Service")) {
      String ns = CredentialProblems.namespace(service);
      Map<String, String> annotations = service.getMetadata().getAnnotations();
      String annotation = annotations == null ? "" : annotations.getOrDefault(EXPORT_TO, "");
      Set<String> exportTo = new LinkedHashSet<>();
      if (annotation != null && !annotation.isEmpty()) {
        for (String entry : annotation.split(",", -1)) exportTo.add(entry.trim());
      }
      services.add(new Service(IstioObjects.serviceHost(ns, service.getMetadata().getName()), ns,
          Set.copyOf(exportTo)));
    }
    Set<String> suffixes = new LinkedHashSet<>();
    wildcards.forEach(w -> suffixes.add(w.substring(1)));
    for (Service service : services) {
      byHost.computeIfAbsent(service.host(), k -> new ArrayList<>()).add(service);
      // Every suffix of the host, from the whole host to the empty one that * covers.
      for (int i = 0; i <= service.host().length(); i++) {
        String suffix = service.host().substring(i);
        if (suffixes.contains(suffix)) byWildcard.computeIfAbsent("*" + suffix, k -> new ArrayList<>()).add(service);
      }
    }
  }

  /** The services with exactly this host, in spec order (ServiceEntries first). */
  List<Service> withHost(String host) {
    return byHost.getOrDefault(host, List.of());
  }

  /** The services whose host the wildcard host {@code wildcard}, one given when built, covers. */
  List<Service> coveredBy(String wildcard) {
    return byWildcard.getOrDefault(wildcard, List.of());
  }
}
