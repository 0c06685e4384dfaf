package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.GoDuration;
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
 * ({@link TrafficPolicy}), and that the weights of the split sum to 100. Immutable.
 */
public final class TrafficRoutes implements Component {
  private final String namespace;
  private final String service;
  private final Map<RouteMatch, String> rules;
  private final Map<String, Integer> split;
  private final ObjectNode extras;

  private TrafficRoutes(String namespace, String service, Map<RouteMatch, String> rules, Map<String, Integer> split,
      ObjectNode extras) {
    this.namespace = namespace;
    this.service = service;
    this.rules = rules;
    this.split = split;
    this.extras = extras;
  }

  /** Routes for Service {@code service} in {@code namespace}; by default all traffic goes to the Service. */
  public static TrafficRoutes forService(String namespace, String service) {
    return new TrafficRoutes(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(service, "service == null"), Map.of(), Map.of(), IstioObjects.node());
  }

  /** Sends requests that match to {@code subset}; rules apply in the order added, before the default route. */
  public TrafficRoutes route(RouteMatch match, String subset) {
    Map<RouteMatch, String> all = new LinkedHashMap<>(rules);
    all.put(Objects.requireNonNull(match, "match == null"), Objects.requireNonNull(subset, "subset == null"));
    return new TrafficRoutes(namespace, service, java.util.Collections.unmodifiableMap(all), split, extras);
  }

  /** The default route: weights (percent, summing to 100) by subset, in the order given. */
  public TrafficRoutes split(Map<String, Integer> weights) {
    return new TrafficRoutes(namespace, service, rules,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights)), extras);
  }

  /** The default route sends everything to one subset. */
  public TrafficRoutes allTo(String subset) {
    return split(Map.of(Objects.requireNonNull(subset, "subset == null"), 100));
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
    return new TrafficRoutes(namespace, service, rules, split, copy);
  }

  private TrafficRoutes with(String field, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode copy = extras.deepCopy();
    copy.set(field, value);
    return new TrafficRoutes(namespace, service, rules, split, copy);
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
    return "traffic-routes-" + namespace + "-" + service;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    ObjectNode spec = IstioObjects.node();
    spec.putArray("hosts").add(host());
    ArrayNode http = spec.putArray("http");
    int i = 0;
    for (Map.Entry<RouteMatch, String> rule : rules.entrySet()) {
      ObjectNode r = http.addObject().put("name", "rule-" + (++i));
      r.putArray("match").add(rule.getKey().toTree());
      r.putArray("route").addObject().putObject("destination").put("host", host()).put("subset", rule.getValue());
      r.setAll(extras.deepCopy());
    }
    ObjectNode fallback = http.addObject().put("name", "default");
    ArrayNode route = fallback.putArray("route");
    if (split.isEmpty()) route.addObject().putObject("destination").put("host", host());
    split.forEach((subset, weight) -> {
      ObjectNode d = route.addObject();
      d.putObject("destination").put("host", host()).put("subset", subset);
      d.put("weight", weight);
    });
    fallback.setAll(extras.deepCopy());
    return List.of(IstioObjects.object(IstioObjects.NETWORKING, "VirtualService", namespace, service, spec));
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.VIRTUAL_SERVICES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.NETWORKING, "VirtualService", namespace, service);
    List<Problem> problems = new ArrayList<>(checkWeights(ref));
    for (String field : new String[] {"timeout"}) {
      if (extras.has(field) && GoDuration.parse(extras.get(field).asText()).error().isPresent()) {
        problems.add(Problem.error(ref, "spec.http." + field, "'" + extras.get(field).asText()
            + "' is not a duration", "write a Go duration such as 2s"));
      }
    }
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
    return "TrafficRoutes(" + namespace + "/" + service + " rules " + rules + " split " + split + ")";
  }
}
