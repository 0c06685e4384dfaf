package dev.shipshape.mesh.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.mesh.analysis.internal.Hosts;
import dev.shipshape.mesh.analysis.internal.Json;
import dev.shipshape.mesh.analysis.internal.MeshIndex;
import dev.shipshape.mesh.analysis.internal.MeshInputs;
import dev.shipshape.mesh.analysis.internal.MeshObject;
import dev.shipshape.mesh.analysis.internal.Selectors;
import dev.shipshape.mesh.analysis.internal.ServicePorts;
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
 * request's path, headers and port (Istio evaluates rules in order; a rule without match takes everything), the
 * weighted destinations with the port each is sent to, the pods behind each subset (Service selector plus the
 * DestinationRule subset's labels, on pod templates of workloads and on Pods) and the mTLS mode of those pods
 * (workload PeerAuthentication, else the namespace's, else the mesh-wide one in {@code istio-system}, else
 * PERMISSIVE). Reads objects only.
 *
 * <p>Ports as Istio tells them apart: a request is sent to one port of the host's Service (by default its only
 * one); a match that names a {@code port} applies only to requests on that port
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest), and a request
 * whose port is not known (a Service with several ports, none given) is matched by no such match, which a note of
 * the result says. A destination goes to its {@code port.number}, else to the only port of its Service, else to
 * the port of the request, as Istio builds the destination's cluster
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination). A request that no rule
 * of the host's VirtualServices matches goes nowhere: the sidecar answers 404, and the result has no destination.
 *
 * <p>With a client ({@link #from(String)}), each destination workload is also checked against the NetworkPolicies
 * of the input with the networking module's {@code ReachabilityAnalyzer}: the client's proxy connects straight to
 * the destination pods on the {@code targetPort} of the destination's Service port (of every port when that port
 * is not known), and a connection that the client's egress or the pods' ingress policies deny is reported with the
 * policies that deny it.
 */
public final class MeshRouter {
  /**
   * The sidecar's answer when VirtualServices route the host but none of their rules matches: the host's routes
   * are theirs alone, so Envoy finds no route and answers 404 (response flag NR); Istio's advice is a last rule
   * without a match (https://istio.io/latest/docs/concepts/traffic-management/#routing-rules).
   */
  static final String NO_ROUTE = "no route: no rule of the host's VirtualServices matches, so the sidecar answers "
      + "404 (add a last rule without match for everything else)";

  private final MeshIndex index;
  private final ReachabilityAnalyzer reach;
  private final NetworkPath network;

  private MeshRouter(MeshIndex index, ReachabilityAnalyzer reach, NetworkPath network) {
    this.index = index;
    this.reach = reach;
    this.network = network;
  }

  /**
   * A router over the objects of manifest files or directories, read as every command that checks manifests reads
   * them (core's strict {@code ManifestReader}).
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object, by
   *     file, document number and line
   * @throws java.io.UncheckedIOException when a file cannot be read
   */
  public static MeshRouter ofFiles(java.util.Collection<java.nio.file.Path> paths) {
    List<MeshObject> objects = new ArrayList<>();
    List<HasMetadata> typed = new ArrayList<>();
    for (java.nio.file.Path p : paths) {
      objects.addAll(MeshInputs.read(p));
      typed.addAll(ManifestReader.strict().read(p).objects());
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
   * (names in any case), sent to the only port of the host's Service; when it has several, to no known port (see
   * {@link #route(String, String, int, String, Map)}).
   */
  public RouteResult route(String namespace, String host, String path, Map<String, String> headers) {
    return route(namespace, host, Optional.empty(), path, headers);
  }

  /**
   * Routes a request for {@code host} (a short name is resolved in {@code namespace}) with this path and headers
   * (names in any case), sent to {@code port} of the host's Service: rules whose match names another port do not
   * apply to it.
   *
   * @throws IllegalArgumentException when the port is not between 1 and 65535
   */
  public RouteResult route(String namespace, String host, int port, String path, Map<String, String> headers) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535 — give the number of the "
          + "Service port the request is sent to");
    }
    return route(namespace, host, Optional.of(port), path, headers);
  }

  private RouteResult route(String namespace, String host, Optional<Integer> given, String path,
      Map<String, String> headers) {
    String fqdn = Hosts.fqdn(namespace, host);
    Map<String, String> lower = new java.util.HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    List<String> notes = new ArrayList<>();
    Optional<MeshObject> service = service(namespace, fqdn);
    List<Integer> ports = service.map(s -> ServicePorts.of(s.tree())).orElse(List.of());
    int port = given.orElse(ports.size() == 1 ? ports.get(0) : 0);
    if (given.isPresent() && !ports.isEmpty() && !ports.contains(port)) {
      notes.add("Service " + service.get().fullName() + " has no port " + port + " (its ports: " + ports + ")");
    }
    boolean portMatchUnknown = false;
    boolean routedByVirtualService = false;
    for (MeshObject vs : index.all("VirtualService")) {
      if (!Json.list(vs.spec().path("gateways")).isEmpty()
          && !Json.strings(vs.spec().path("gateways")).contains("mesh")) continue;
      boolean forHost = Json.strings(vs.spec().path("hosts")).stream()
          .anyMatch(h -> Hosts.matches(Hosts.fqdn(vs.namespace(), h), fqdn));
      if (!forHost) continue;
      List<JsonNode> rules = Json.list(vs.spec().path("http"));
      // Istio builds routes per port: a VirtualService none of whose HTTP rules can apply on this port is left out
      // (when the port is not known, it is not: its rules naming ports then match nothing, as a note says).
      if (port != 0 && rules.stream().noneMatch(rule -> appliesOn(rule, port))) {
        notes.add(vs.origin() + " has no HTTP rule for port " + port);
        continue;
      }
      routedByVirtualService = true;
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        List<JsonNode> matches = Json.list(rule.path("match"));
        if (port == 0 && !portMatchUnknown && matches.stream().anyMatch(m -> matchPort(m) != 0)) {
          portMatchUnknown = true;
          notes.add("the request names no port" + (ports.size() > 1 ? " and Service " + service.get().fullName()
              + " has the ports " + ports : "") + ": matches that name a port were evaluated for no port, so "
              + "none of them matched — give the port the request is sent to");
        }
        if (!matches.isEmpty() && matches.stream().noneMatch(m -> accepts(m, path, lower, port))) continue;
        String name = Json.text(rule.path("name"));
        String where = vs.origin() + " rule " + (name.isEmpty() ? "#" + i : "\"" + name + "\"");
        return new RouteResult(fqdn, port, where, destinations(vs.namespace(), rule, port, notes), notes, client());
      }
      notes.add(vs.origin() + " has no rule that matches the request");
    }
    if (routedByVirtualService) {
      return new RouteResult(fqdn, port, NO_ROUTE, List.of(), notes, client());
    }
    RouteResult.Destination whole = destination(namespace, fqdn, "", 0, port, new RouteResult.Share(100, 100),
        notes);
    return new RouteResult(fqdn, port, "no VirtualService: straight to the Service", List.of(whole), notes,
        client());
  }

  /** True when a rule can match requests on {@code port}: it has no match, or a match naming no port or that one. */
  private static boolean appliesOn(JsonNode rule, int port) {
    List<JsonNode> matches = Json.list(rule.path("match"));
    return matches.isEmpty() || matches.stream().anyMatch(m -> matchPort(m) == 0 || matchPort(m) == port);
  }

  private Optional<String> client() {
    return Optional.ofNullable(network).map(n -> n.client().toString());
  }

  private List<RouteResult.Destination> destinations(String namespace, JsonNode rule, int requestPort,
      List<String> notes) {
    List<RouteResult.Destination> out = new ArrayList<>();
    List<JsonNode> routes = Json.list(rule.path("route"));
    // Weights are relative, as Istio builds Envoy's weighted clusters: each destination gets weight / total of the
    // positive weights (an unset weight is 0, and such a destination gets nothing), and a single destination gets
    // every request whatever its weight. Istio refuses several destinations whose weights total 0.
    long total = routes.stream().mapToLong(r -> Math.max(0, r.path("weight").asInt(0))).sum();
    if (routes.size() > 1 && total == 0) {
      notes.add("the weights of the matching route total 0, which Istio refuses: give the destinations weights");
    }
    for (JsonNode r : routes) {
      JsonNode d = r.path("destination");
      int weight = r.has("weight") ? r.path("weight").asInt() : routes.size() == 1 ? 100 : 0;
      double percent = routes.size() == 1 ? 100 : weight <= 0 || total == 0 ? 0 : 100.0 * weight / total;
      out.add(destination(namespace, Hosts.fqdn(namespace, Json.text(d.path("host"))), Json.text(d.path("subset")),
          d.path("port").path("number").asInt(0), requestPort, new RouteResult.Share(weight, percent), notes));
    }
    return out;
  }

  /**
   * The destination {@code fqdn}: on {@code port} when the route names one (else 0), else on the only port of its
   * Service, else on {@code requestPort} (0 when not known).
   */
  private RouteResult.Destination destination(String namespace, String fqdn, String subset, int port,
      int requestPort, RouteResult.Share weight, List<String> notes) {
    Optional<MeshObject> service = service(namespace, fqdn);
    List<Integer> servicePorts = service.map(s -> ServicePorts.of(s.tree())).orElse(List.of());
    int to = port != 0 ? port : servicePorts.size() == 1 ? servicePorts.get(0) : requestPort;
    List<String> pods = new ArrayList<>();
    String mtls = "PERMISSIVE";
    if (service.isEmpty()) {
      notes.add("host " + fqdn + " is no Service of the input");
      return new RouteResult.Destination(fqdn, subset, to, weight, pods, mtls, List.of());
    }
    Map<String, String> selector = Json.stringMap(service.get().spec().path("selector"));
    Map<String, String> subsetLabels = subsetLabels(service.get(), fqdn, subset, notes);
    Map<String, String> podLabels = null;
    List<String> blocked = new ArrayList<>();
    for (MeshObject workload : workloads(service.get().namespace())) {
      Map<String, String> labels = podLabels(workload);
      if (selector.isEmpty() || !Selectors.selects(selector, labels) || !Selectors.selects(subsetLabels, labels)) {
        continue;
      }
      pods.add(workload.origin());
      if (network != null) blocked.addAll(network.blocks(service.get(), to, workload, notes));
      if (podLabels == null) podLabels = labels;
    }
    if (pods.isEmpty()) notes.add(fqdn + (subset.isEmpty() ? "" : " subset " + subset) + " selects no pod");
    return new RouteResult.Destination(fqdn, subset, to, weight, pods,
        mtlsMode(service.get().namespace(), podLabels == null ? Map.of() : podLabels), blocked);
  }

  /** The Service a host names, looked up from {@code namespace}. */
  private Optional<MeshObject> service(String namespace, String fqdn) {
    String[] key = Hosts.serviceKey(namespace, fqdn).split("/", 2);
    return index.find("Service", key[0], key[1]);
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

  private static boolean accepts(JsonNode match, String path, Map<String, String> headers, int port) {
    if (matchPort(match) != 0 && matchPort(match) != port) return false;
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

  /** The port a match names, or 0 when it names none (Istio's unset port). */
  private static int matchPort(JsonNode match) {
    return match.path("port").asInt(0);
  }

  private static boolean stringMatch(JsonNode m, String value) {
    if (m.has("exact")) return value.equals(m.path("exact").asText());
    if (m.has("prefix")) return value.startsWith(m.path("prefix").asText());
    if (m.has("regex")) return Pattern.compile(m.path("regex").asText()).matcher(value).matches();
    return true;
  }
}
