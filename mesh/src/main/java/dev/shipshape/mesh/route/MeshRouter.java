package dev.shipshape.mesh.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import dev.shipshape.mesh.analysis.internal.MeshIndex;
import dev.shipshape.mesh.analysis.internal.MeshInputs;
import dev.shipshape.mesh.analysis.internal.MeshObject;
import dev.shipshape.mesh.analysis.internal.Selectors;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Works out offline where an HTTP request to a host goes: the first VirtualService rule whose match accepts the
 * request's path and headers (Istio evaluates rules in order; a rule without match takes everything), the weighted
 * destinations, the pods behind each subset (Service selector plus the DestinationRule subset's labels, on pod
 * templates of workloads and on Pods) and the mTLS mode of those pods (workload PeerAuthentication, else the
 * namespace's, else the mesh-wide one in {@code istio-system}, else PERMISSIVE). Reads objects only.
 *
 * <p>With a client ({@link #from(String)}), each destination workload is also checked against the NetworkPolicies
 * of the input with the networking module's {@code ReachabilityAnalyzer}: the client's proxy connects straight to
 * the destination pods on the Service port's {@code targetPort}, and a connection that the client's egress or the
 * pods' ingress policies deny is reported with the policies that deny it.
 */
public final class MeshRouter {
  private final MeshIndex index;
  private final ReachabilityAnalyzer reach;
  private final NetworkPath network;

  private MeshRouter(MeshIndex index, ReachabilityAnalyzer reach, NetworkPath network) {
    this.index = index;
    this.reach = reach;
    this.network = network;
  }

  /** A router over the objects of manifest files or directories. */
  public static MeshRouter ofFiles(java.util.Collection<java.nio.file.Path> paths) {
    List<MeshObject> objects = new ArrayList<>();
    List<HasMetadata> typed = new ArrayList<>();
    for (java.nio.file.Path p : paths) {
      objects.addAll(MeshInputs.read(p));
      typed.addAll(ManifestReader.tolerant().read(p).objects());
    }
    return new MeshRouter(new MeshIndex(objects), ReachabilityAnalyzer.of(typed), null);
  }

  /** A router over typed or generic objects. */
  public static MeshRouter of(List<? extends HasMetadata> objects) {
    return new MeshRouter(new MeshIndex(MeshInputs.of(objects)), ReachabilityAnalyzer.of(objects), null);
  }

  /** A router over what a plan would apply. */
  public static MeshRouter of(dev.shipshape.core.plan.Plan plan) {
    return of(plan.resources().stream().map(dev.shipshape.core.plan.PlannedResource::object)
        .collect(java.util.stream.Collectors.toList()));
  }

  /**
   * This router with a client: the workload that sends the requests, {@code namespace/name} or
   * {@code namespace/name[Kind]}, whose connections to the destination pods are checked against NetworkPolicies.
   *
   * @throws IllegalArgumentException when no workload of the input, or more than one, has that name
   */
  public MeshRouter from(String client) {
    return new MeshRouter(index, reach, new NetworkPath(reach, reach.peer(client)));
  }

  /**
   * Routes a request for {@code host} (a short name is resolved in {@code namespace}) with this path and headers
   * (names in any case).
   */
  public RouteResult route(String namespace, String host, String path, Map<String, String> headers) {
    String fqdn = Hosts.fqdn(namespace, host);
    Map<String, String> lower = new java.util.HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    List<String> notes = new ArrayList<>();
    for (MeshObject vs : index.all("VirtualService")) {
      if (!Json.list(vs.spec().path("gateways")).isEmpty()
          && !Json.strings(vs.spec().path("gateways")).contains("mesh")) continue;
      boolean forHost = Json.strings(vs.spec().path("hosts")).stream()
          .anyMatch(h -> Hosts.matches(Hosts.fqdn(vs.namespace(), h), fqdn));
      if (!forHost) continue;
      List<JsonNode> rules = Json.list(vs.spec().path("http"));
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        List<JsonNode> matches = Json.list(rule.path("match"));
        if (!matches.isEmpty() && matches.stream().noneMatch(m -> accepts(m, path, lower))) continue;
        String name = Json.text(rule.path("name"));
        String where = vs.origin() + " rule " + (name.isEmpty() ? "#" + i : "\"" + name + "\"");
        return new RouteResult(fqdn, where, destinations(vs.namespace(), rule, notes), notes, client());
      }
      notes.add(vs.origin() + " has no rule that matches the request");
    }
    RouteResult.Destination whole = destination(namespace, fqdn, "", 0, 100, notes);
    return new RouteResult(fqdn, "no VirtualService: straight to the Service", List.of(whole), notes, client());
  }

  private Optional<String> client() {
    return Optional.ofNullable(network).map(n -> n.client().toString());
  }

  private List<RouteResult.Destination> destinations(String namespace, JsonNode rule, List<String> notes) {
    List<RouteResult.Destination> out = new ArrayList<>();
    List<JsonNode> routes = Json.list(rule.path("route"));
    for (JsonNode r : routes) {
      JsonNode d = r.path("destination");
      int weight = r.has("weight") ? r.path("weight").asInt() : routes.size() == 1 ? 100 : 0;
      out.add(destination(namespace, Hosts.fqdn(namespace, Json.text(d.path("host"))), Json.text(d.path("subset")),
          d.path("port").path("number").asInt(0), weight, notes));
    }
    return out;
  }

  private RouteResult.Destination destination(String namespace, String fqdn, String subset, int port, int weight,
      List<String> notes) {
    String[] key = Hosts.serviceKey(namespace, fqdn).split("/", 2);
    Optional<MeshObject> service = index.find("Service", key[0], key[1]);
    List<String> pods = new ArrayList<>();
    String mtls = "PERMISSIVE";
    if (service.isEmpty()) {
      notes.add("host " + fqdn + " is no Service of the input");
      return new RouteResult.Destination(fqdn, subset, weight, pods, mtls, List.of());
    }
    Map<String, String> selector = Json.stringMap(service.get().spec().path("selector"));
    Map<String, String> subsetLabels = subsetLabels(service.get(), fqdn, subset, notes);
    Map<String, String> podLabels = null;
    List<String> blocked = new ArrayList<>();
    for (MeshObject workload : workloads(key[0])) {
      Map<String, String> labels = podLabels(workload);
      if (selector.isEmpty() || !Selectors.selects(selector, labels) || !Selectors.selects(subsetLabels, labels)) {
        continue;
      }
      pods.add(workload.origin());
      if (network != null) blocked.addAll(network.blocks(service.get(), port, workload, notes));
      if (podLabels == null) podLabels = labels;
    }
    if (pods.isEmpty()) notes.add(fqdn + (subset.isEmpty() ? "" : " subset " + subset) + " selects no pod");
    return new RouteResult.Destination(fqdn, subset, weight, pods,
        mtlsMode(key[0], podLabels == null ? Map.of() : podLabels), blocked);
  }

  private Map<String, String> subsetLabels(MeshObject service, String fqdn, String subset, List<String> notes) {
    if (subset.isEmpty()) return Map.of();
    for (MeshObject dr : index.all("DestinationRule")) {
      if (!Hosts.fqdn(dr.namespace(), Json.text(dr.spec().path("host"))).equals(fqdn)) continue;
      for (JsonNode s : Json.list(dr.spec().path("subsets"))) {
        if (subset.equals(Json.text(s.path("name")))) return Json.stringMap(s.path("labels"));
      }
    }
    notes.add("subset " + subset + " of " + fqdn + " is defined by no DestinationRule");
    return Map.of("\u0000undefined-subset", subset);
  }

  private List<MeshObject> workloads(String namespace) {
    List<MeshObject> out = new ArrayList<>();
    for (String kind : new String[] {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod"}) {
      out.addAll(index.all(kind, namespace));
    }
    return out;
  }

  private static Map<String, String> podLabels(MeshObject workload) {
    return workload.kind().equals("Pod") ? workload.labels()
        : Json.stringMap(workload.spec().path("template").path("metadata").path("labels"));
  }

  private String mtlsMode(String namespace, Map<String, String> podLabels) {
    String namespaceMode = null;
    String meshMode = null;
    for (MeshObject pa : index.all("PeerAuthentication")) {
      String mode = Json.text(pa.spec().path("mtls").path("mode"));
      if (mode.isEmpty() || mode.equals("UNSET")) continue;
      JsonNode selector = pa.spec().path("selector").path("matchLabels");
      if (pa.namespace().equals(namespace) && selector.isObject()) {
        if (Selectors.selects(Json.stringMap(selector), podLabels)) return mode;
      } else if (pa.namespace().equals(namespace)) {
        namespaceMode = mode;
      } else if (pa.namespace().equals("istio-system") && !selector.isObject()) {
        meshMode = mode;
      }
    }
    return namespaceMode != null ? namespaceMode : meshMode != null ? meshMode : "PERMISSIVE";
  }

  private static boolean accepts(JsonNode match, String path, Map<String, String> headers) {
    JsonNode uri = match.path("uri");
    if (uri.isObject() && !stringMatch(uri, path)) return false;
    var names = match.path("headers").fields();
    while (names.hasNext()) {
      var e = names.next();
      String value = headers.get(e.getKey().toLowerCase(Locale.ROOT));
      if (value == null || !stringMatch(e.getValue(), value)) return false;
    }
    return true;
  }

  private static boolean stringMatch(JsonNode m, String value) {
    if (m.has("exact")) return value.equals(m.path("exact").asText());
    if (m.has("prefix")) return value.startsWith(m.path("prefix").asText());
    if (m.has("regex")) return Pattern.compile(m.path("regex").asText()).matcher(value).matches();
    return true;
  }
}
