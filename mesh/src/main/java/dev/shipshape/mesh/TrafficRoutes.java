package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.internal.IstioObjects;
import dev.shipshape.mesh.internal.MeshSpec;
import dev.shipshape.mesh.internal.TrafficChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP routing of one Service of the spec inside the mesh, as an Istio {@code VirtualService} named after the
 * Service: rules that send matching requests to a subset, a default route split by weight over subsets, and
 * timeout, retries, fault injection and mirroring on every route.
 *
 * <pre>{@code
 * TrafficRoutes.forService("shop", "web")
 *     .route(RouteMatch.header("x-beta", "true"), "v2")
 *     .split(Map.of("v1", 90, "v2", 10))
 *     .timeout("2s").retries(3, "500ms", "5xx,reset,connect-failure");
 * }</pre>
 *
 * <p>Planning checks that the Service is in the spec, that every subset is defined by a DestinationRule of the spec
 * ({@link TrafficPolicy}), that the weights of the split sum to 100, that the routes of a Service with several
 * ports name one ({@link #port(int)}), and that the timeout, retries, faults and mirror are values Istio accepts.
 * Immutable.
 */
public final class TrafficRoutes implements Component {
  private final String namespace;
  private final String service;
  private final Map<RouteMatch, String> rules;
  private final Map<String, Integer> split;
  private final ObjectNode extras;
  /** The Service port the routes are for; 0 for every port. */
  private final int port;

  private TrafficRoutes(String namespace, String service, Map<RouteMatch, String> rules, Map<String, Integer> split,
      ObjectNode extras, int port) {
    this.namespace = namespace;
    this.service = service;
    this.rules = rules;
    this.split = split;
    this.extras = extras;
    this.port = port;
  }

  /** Routes for Service {@code service} in {@code namespace}; by default all traffic goes to the Service. */
  public static TrafficRoutes forService(String namespace, String service) {
    return new TrafficRoutes(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(service, "service == null"), Map.of(), Map.of(), IstioObjects.node(), 0);
  }

  /** Sends requests that match to {@code subset}; rules apply in the order added, before the default route. */
  public TrafficRoutes route(RouteMatch match, String subset) {
    Map<RouteMatch, String> all = new LinkedHashMap<>(rules);
    all.put(Objects.requireNonNull(match, "match == null"), Objects.requireNonNull(subset, "subset == null"));
    return new TrafficRoutes(namespace, service, java.util.Collections.unmodifiableMap(all), split, extras, port);
  }

  /**
   * These routes without the match rules that send to {@code subset}; the default route and the options stay. A
   * release's rollback uses it so that no request reaches the version rolled back.
   */
  public TrafficRoutes withoutRulesTo(String subset) {
    Objects.requireNonNull(subset, "subset == null");
    Map<RouteMatch, String> kept = new LinkedHashMap<>(rules);
    kept.values().removeIf(subset::equals);
    return new TrafficRoutes(namespace, service, java.util.Collections.unmodifiableMap(kept), split, extras, port);
  }

  /** The default route: weights (percent, summing to 100) by subset, in the order given. */
  public TrafficRoutes split(Map<String, Integer> weights) {
    return new TrafficRoutes(namespace, service, rules,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights)), extras, port);
  }

  /** The default route sends everything to one subset. */
  public TrafficRoutes allTo(String subset) {
    return split(Map.of(Objects.requireNonNull(subset, "subset == null"), 100));
  }

  /**
   * Routes only requests to port {@code servicePort} of the Service: every rule matches that port and every
   * destination names it. A Service with several ports needs it: Istio requires a destination port to tell them
   * apart (IST0112, an error of {@code istioctl analyze}), and without a port match the rules would also split
   * the traffic of the other ports, such as a metrics port. Requests to the Service's other ports then go to the
   * Service as a whole, as without a VirtualService. By default, the routes are for every port, which suits a
   * Service with one port.
   *
   * @throws IllegalArgumentException when the port is not between 1 and 65535
   */
  public TrafficRoutes port(int servicePort) {
    if (servicePort < 1 || servicePort > 65535) {
      throw new IllegalArgumentException("TrafficRoutes " + namespace + "/" + service + ": port " + servicePort
          + " is not between 1 and 65535 — give the number of one of the Service's ports, such as 80");
    }
    return new TrafficRoutes(namespace, service, rules, split, extras, servicePort);
  }

  /** Fails requests that take longer than {@code timeout} (a Go duration). */
  public TrafficRoutes timeout(String timeout) {
    return with("timeout", extras.textNode(Objects.requireNonNull(timeout, "timeout == null")));
  }

  /** Retries failed requests up to {@code attempts} times, each try at most {@code perTryTimeout}, on {@code on}. */
  public TrafficRoutes retries(int attempts, String perTryTimeout, String on) {
    ObjectNode retries = IstioObjects.node().put("attempts", attempts).put("perTryTimeout", perTryTimeout)
        .put("retryOn", on);
    return with("retries", retries);
  }

  /** Delays {@code percent} of requests by {@code delay}, to test how clients cope. */
  public TrafficRoutes delayFault(double percent, String delay) {
    ObjectNode fault = extras.has("fault") ? ((ObjectNode) extras.get("fault")).deepCopy() : IstioObjects.node();
    fault.putObject("delay").put("fixedDelay", delay).putObject("percentage").put("value", percent);
    return with("fault", fault);
  }

  /** Fails {@code percent} of requests with HTTP status {@code status}, to test how clients cope. */
  public TrafficRoutes abortFault(double percent, int status) {
    ObjectNode fault = extras.has("fault") ? ((ObjectNode) extras.get("fault")).deepCopy() : IstioObjects.node();
    fault.putObject("abort").put("httpStatus", status).putObject("percentage").put("value", percent);
    return with("fault", fault);
  }

  /** Copies {@code percent} of requests to {@code subset}, whose responses are dropped. */
  public TrafficRoutes mirror(String subset, double percent) {
    ObjectNode copy = extras.deepCopy();
    copy.putObject("mirror").put("host", host()).put("subset", subset);
    copy.putObject("mirrorPercentage").put("value", percent);
    return new TrafficRoutes(namespace, service, rules, split, copy, port);
  }

  private TrafficRoutes with(String field, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode copy = extras.deepCopy();
    copy.set(field, value);
    return new TrafficRoutes(namespace, service, rules, split, copy, port);
  }

  public String namespace() {
    return namespace;
  }

  public String service() {
    return service;
  }

  /** The match rules and the subset each sends to, in order. */
  public Map<RouteMatch, String> rules() {
    return rules;
  }

  /** The Service port the routes are for, or empty when they are for every port. */
  public java.util.OptionalInt port() {
    return port == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(port);
  }

  /** The weights of the default route by subset; empty when it goes to the Service as a whole. */
  public Map<String, Integer> split() {
    return split;
  }

  /** The Service's fully qualified host. */
  public String host() {
    return IstioObjects.serviceHost(namespace, service);
  }

  @Override
  public String name() {
    return "traffic-routes " + namespace + "/" + service;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    ObjectNode spec = IstioObjects.node();
    spec.putArray("hosts").add(host());
    ArrayNode http = spec.putArray("http");
    int i = 0;
    for (Map.Entry<RouteMatch, String> rule : rules.entrySet()) {
      ObjectNode r = http.addObject().put("name", "rule-" + (++i));
      ObjectNode match = rule.getKey().toTree();
      if (port != 0) match.put("port", port);
      r.putArray("match").add(match);
      destination(r.putArray("route").addObject()).put("subset", rule.getValue());
      withExtras(r);
    }
    ObjectNode fallback = http.addObject().put("name", "default");
    if (port != 0) fallback.putArray("match").addObject().put("port", port);
    ArrayNode route = fallback.putArray("route");
    if (split.isEmpty()) destination(route.addObject());
    split.forEach((subset, weight) -> {
      ObjectNode d = route.addObject();
      destination(d).put("subset", subset);
      d.put("weight", weight);
    });
    withExtras(fallback);
    return List.of(IstioObjects.object(IstioObjects.NETWORKING, "VirtualService", namespace, service, spec));
  }

  /** The route's destination: the Service, on the port when one is given. */
  private ObjectNode destination(ObjectNode route) {
    ObjectNode destination = route.putObject("destination").put("host", host());
    if (port != 0) destination.putObject("port").put("number", port);
    return destination;
  }

  /** Timeout, retries, faults and mirror on a rule; the mirror on the routes' port, when one is given. */
  private void withExtras(ObjectNode rule) {
    rule.setAll(extras.deepCopy());
    if (port != 0 && rule.path("mirror").isObject()) {
      ((ObjectNode) rule.get("mirror")).putObject("port").put("number", port);
    }
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.VIRTUAL_SERVICES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.NETWORKING, "VirtualService", namespace, service);
    List<Problem> problems = new ArrayList<>(checkWeights(ref));
    problems.addAll(RouteOptionChecks.check(ref, extras));
    // A missing Service is reported with every other VirtualService destination (RouteHostsCheck).
    if (MeshSpec.service(context, namespace, service).isEmpty()) return problems;
    Set<String> subsets = new LinkedHashSet<>(rules.values());
    subsets.addAll(split.keySet());
    if (extras.has("mirror")) subsets.add(extras.get("mirror").path("subset").asText());
    problems.addAll(TrafficChecks.subsetsExist(context, ref, namespace, service, subsets));
    return problems;
  }

  private List<Problem> checkWeights(ResourceRef ref) {
    List<Problem> problems = new ArrayList<>();
    if (split.isEmpty()) return problems;
    int sum = 0;
    for (Map.Entry<String, Integer> e : split.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 100) {
        problems.add(Problem.error(ref, "spec.http.route[" + e.getKey() + "].weight",
            "weight " + e.getValue() + " of subset " + e.getKey() + " is not between 0 and 100",
            "give each subset a percentage"));
      }
      sum += e.getValue();
    }
    if (sum != 100) {
      problems.add(Problem.error(ref, "spec.http.route.weight", "the weights " + split + " sum to " + sum
          + ", not 100", "make the weights of the split add up to 100"));
    }
    return problems;
  }

  @Override
  public String toString() {
    return "TrafficRoutes(" + namespace + "/" + service + (port == 0 ? "" : ":" + port) + " rules " + rules
        + " split " + split + ")";
  }
}
