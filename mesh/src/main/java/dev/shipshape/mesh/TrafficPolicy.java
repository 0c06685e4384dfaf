package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.internal.IstioObjects;
import dev.shipshape.mesh.internal.TrafficChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The traffic policy of one Service of the spec, as an Istio {@code DestinationRule} named after the Service:
 * subsets by pod labels, load balancing, connection pool limits, outlier detection and Istio mutual TLS.
 *
 * <pre>{@code
 * TrafficPolicy.forService("shop", "web")
 *     .subset("v1", Map.of("version", "v1"))
 *     .subset("v2", Map.of("version", "v2"))
 *     .loadBalancer(LoadBalancer.consistentHashByCookie("session", "3600s"))
 *     .connectionPool(100, 10)
 *     .outlierDetection(5, "10s", "30s")
 *     .istioMutual();
 * }</pre>
 *
 * <p>Planning checks that the Service is in the spec, that each subset's labels select the pod template of a
 * workload behind it, and that no other DestinationRule of the spec is for the same host (Istio would merge or
 * ignore one of them). Durations are Go durations of whole milliseconds, at least 1 ms, such as {@code 10s}, as
 * Istio's validation requires.
 */
public final class TrafficPolicy implements Component {
  private final String namespace;
  private final String service;
  private final Map<String, Map<String, String>> subsets;
  private final LoadBalancer loadBalancer;
  private final int maxConnections;
  private final int maxPendingRequests;
  private final int consecutive5xx;
  private final String interval;
  private final String baseEjectionTime;
  private final boolean istioMutual;

  private TrafficPolicy(String namespace, String service, Map<String, Map<String, String>> subsets,
      LoadBalancer loadBalancer, int maxConnections, int maxPendingRequests, int consecutive5xx, String interval,
      String baseEjectionTime, boolean istioMutual) {
    this.namespace = namespace;
    this.service = service;
    this.subsets = subsets;
    this.loadBalancer = loadBalancer;
    this.maxConnections = maxConnections;
    this.maxPendingRequests = maxPendingRequests;
    this.consecutive5xx = consecutive5xx;
    this.interval = interval;
    this.baseEjectionTime = baseEjectionTime;
    this.istioMutual = istioMutual;
  }

  /** The policy of Service {@code service} in {@code namespace}. */
  public static TrafficPolicy forService(String namespace, String service) {
    return new TrafficPolicy(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(service, "service == null"), Map.of(), null, 0, 0, 0, null, null, false);
  }

  /** A subset: the pods of the Service that also carry these labels. */
  public TrafficPolicy subset(String name, Map<String, String> podLabels) {
    Map<String, Map<String, String>> all = new LinkedHashMap<>(subsets);
    all.put(Objects.requireNonNull(name, "name == null"), IstioObjects.sortedLabels(podLabels));
    return new TrafficPolicy(namespace, service, java.util.Collections.unmodifiableMap(all), loadBalancer,
        maxConnections, maxPendingRequests, consecutive5xx, interval, baseEjectionTime, istioMutual);
  }

  /** How requests are spread over the pods. By default, Istio's (least request). */
  public TrafficPolicy loadBalancer(LoadBalancer balancer) {
    return new TrafficPolicy(namespace, service, subsets, Objects.requireNonNull(balancer, "balancer == null"),
        maxConnections, maxPendingRequests, consecutive5xx, interval, baseEjectionTime, istioMutual);
  }

  /**
   * At most {@code connections} HTTP/1 and TCP connections and {@code pendingRequests} HTTP requests queued for a
   * connection. The limits are Envoy's circuit breakers: each client proxy counts them over all pods of the
   * Service together, not per pod (https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/).
   * 0 keeps Istio's default.
   */
  public TrafficPolicy connectionPool(int connections, int pendingRequests) {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, connections, pendingRequests,
        consecutive5xx, interval, baseEjectionTime, istioMutual);
  }

  /**
   * Ejects a pod after {@code consecutive5xxErrors} errors in a row (for TCP, failed connections), looking every
   * {@code checkInterval}; an ejected pod stays out for {@code ejectionTime} times the number of its ejections so
   * far (Istio's {@code baseEjectionTime}). 0 errors turns the ejection off.
   */
  public TrafficPolicy outlierDetection(int consecutive5xxErrors, String checkInterval, String ejectionTime) {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, maxConnections, maxPendingRequests,
        consecutive5xxErrors, Objects.requireNonNull(checkInterval, "interval == null"),
        Objects.requireNonNull(ejectionTime, "ejectionTime == null"), istioMutual);
  }

  /**
   * TLS mode {@code ISTIO_MUTUAL}: clients always send mutual TLS with the sidecars' own certificates. Istio's
   * automatic mutual TLS already does so to pods with a sidecar (and sends plain text to the others), so this only
   * forbids plain text; planning reports pods behind the Service that get no sidecar, whose requests would fail.
   */
  public TrafficPolicy istioMutual() {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, maxConnections, maxPendingRequests,
        consecutive5xx, interval, baseEjectionTime, true);
  }

  public String namespace() {
    return namespace;
  }

  public String service() {
    return service;
  }

  /** The subsets by name, in the order given. */
  public Map<String, Map<String, String>> subsets() {
    return subsets;
  }

  public Optional<LoadBalancer> loadBalancer() {
    return Optional.ofNullable(loadBalancer);
  }

  @Override
  public String name() {
    return "traffic-policy " + namespace + "/" + service;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    ObjectNode spec = IstioObjects.node();
    spec.put("host", IstioObjects.serviceHost(namespace, service));
    ObjectNode policy = IstioObjects.node();
    if (loadBalancer != null) policy.set("loadBalancer", loadBalancer.toTree());
    if (maxConnections > 0 || maxPendingRequests > 0) {
      ObjectNode pool = policy.putObject("connectionPool");
      if (maxConnections > 0) pool.putObject("tcp").put("maxConnections", maxConnections);
      if (maxPendingRequests > 0) pool.putObject("http").put("http1MaxPendingRequests", maxPendingRequests);
    }
    if (consecutive5xx > 0) {
      policy.putObject("outlierDetection").put("consecutive5xxErrors", consecutive5xx).put("interval", interval)
          .put("baseEjectionTime", baseEjectionTime);
    }
    if (istioMutual) policy.putObject("tls").put("mode", "ISTIO_MUTUAL");
    if (!policy.isEmpty()) spec.set("trafficPolicy", policy);
    var list = spec.putArray("subsets");
    subsets.forEach((name, labels) -> list.addObject().put("name", name).set("labels", IstioObjects.labels(labels)));
    if (subsets.isEmpty()) spec.remove("subsets");
    return List.of(IstioObjects.object(IstioObjects.NETWORKING, "DestinationRule", namespace, service, spec));
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.DESTINATION_RULES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.NETWORKING, "DestinationRule", namespace, service);
    for (String[] d : new String[][] {{"outlierDetection.interval", interval},
        {"outlierDetection.baseEjectionTime", baseEjectionTime}}) {
      if (d[1] != null) IstioDurations.check(ref, "spec.trafficPolicy." + d[0], d[1]).ifPresent(problems::add);
    }
    Object[][] limits = {{"connectionPool.tcp.maxConnections", maxConnections},
        {"connectionPool.http.http1MaxPendingRequests", maxPendingRequests},
        {"outlierDetection.consecutive5xxErrors", consecutive5xx}};
    for (Object[] limit : limits) {
      if ((int) limit[1] < 0) {
        problems.add(Problem.error(ref, "spec.trafficPolicy." + limit[0], limit[1] + " is negative",
            "use 0 for Istio's default"));
      }
    }
    if (loadBalancer != null) problems.addAll(loadBalancer.problems(ref));
    problems.addAll(TrafficChecks.destinationRule(context, ref, namespace, service, subsets));
    if (istioMutual) problems.addAll(TrafficChecks.istioMutualOutsideMesh(context, ref, namespace, service));
    return problems;
  }

  @Override
  public String toString() {
    return "TrafficPolicy(" + namespace + "/" + service + " subsets " + subsets.keySet() + ")";
  }
}
