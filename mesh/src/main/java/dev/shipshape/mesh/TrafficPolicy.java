package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.TrafficPolicyRules;
import dev.shipshape.mesh.internal.IstioObjects;
import dev.shipshape.mesh.internal.TrafficChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
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
 *     .loadBalancer(LoadBalancer.consistentHashByCookie("session", "3600s").maglev(65537))
 *     .connectionPool(ConnectionPool.defaults().maxConnections(100).connectTimeout("2s")
 *         .http1MaxPendingRequests(10).http2MaxRequests(1000).maxRetries(3))
 *     .outlierDetection(OutlierDetection.defaults().consecutive5xxErrors(5).interval("10s")
 *         .baseEjectionTime("30s").maxEjectionPercent(50))
 *     .istioMutual();
 * }</pre>
 *
 * <p>Planning checks that the Service is in the spec, that each subset's labels select the pod template of a
 * workload behind it, and that no other DestinationRule of the spec is for the same host (Istio would merge or
 * ignore one of them); and it checks the policy with the rules of Istio's validation, as {@code MeshAnalyzer}
 * does: limits and counts not negative, percentages from 0 to 100, durations Go durations of whole milliseconds,
 * at least 1 ms, such as {@code 10s}, Maglev table sizes, locality load balancing. Immutable.
 */
public final class TrafficPolicy implements Component {
  private final String namespace;
  private final String service;
  private final Map<String, Map<String, String>> subsets;
  private final LoadBalancer loadBalancer;
  private final ConnectionPool connectionPool;
  private final OutlierDetection outlierDetection;
  private final boolean istioMutual;

  private TrafficPolicy(String namespace, String service, Map<String, Map<String, String>> subsets,
      LoadBalancer loadBalancer, ConnectionPool connectionPool, OutlierDetection outlierDetection,
      boolean istioMutual) {
    this.namespace = namespace;
    this.service = service;
    this.subsets = subsets;
    this.loadBalancer = loadBalancer;
    this.connectionPool = connectionPool;
    this.outlierDetection = outlierDetection;
    this.istioMutual = istioMutual;
  }

  /** The policy of Service {@code service} in {@code namespace}. */
  public static TrafficPolicy forService(String namespace, String service) {
    return new TrafficPolicy(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(service, "service == null"), Map.of(), null, ConnectionPool.defaults(), null, false);
  }

  /** A subset: the pods of the Service that also carry these labels. */
  public TrafficPolicy subset(String name, Map<String, String> podLabels) {
    Map<String, Map<String, String>> all = new LinkedHashMap<>(subsets);
    all.put(Objects.requireNonNull(name, "name == null"), IstioObjects.sortedLabels(podLabels));
    return new TrafficPolicy(namespace, service, Collections.unmodifiableMap(all), loadBalancer, connectionPool,
        outlierDetection, istioMutual);
  }

  /** How requests are spread over the pods. By default, Istio's (least request). */
  public TrafficPolicy loadBalancer(LoadBalancer balancer) {
    return new TrafficPolicy(namespace, service, subsets, Objects.requireNonNull(balancer, "balancer == null"),
        connectionPool, outlierDetection, istioMutual);
  }

  /**
   * The connection pool limits, replacing those given before. By default, Istio's: no limit that a production
   * Service would reach.
   */
  public TrafficPolicy connectionPool(ConnectionPool pool) {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, Objects.requireNonNull(pool, "pool == null"),
        outlierDetection, istioMutual);
  }

  /**
   * At most {@code connections} HTTP/1 and TCP connections and {@code pendingRequests} HTTP requests queued for a
   * connection, a shorthand of {@link #connectionPool(ConnectionPool)}. The limits are Envoy's circuit breakers:
   * each client proxy counts them over all pods of the Service together, not per pod
   * (https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/). 0 keeps Istio's default.
   */
  public TrafficPolicy connectionPool(int connections, int pendingRequests) {
    ConnectionPool pool = ConnectionPool.defaults();
    if (connections != 0) pool = pool.maxConnections(connections);
    if (pendingRequests != 0) pool = pool.http1MaxPendingRequests(pendingRequests);
    return connectionPool(pool);
  }

  /** Outlier detection: pods that keep failing are ejected for a while. By default, none. */
  public TrafficPolicy outlierDetection(OutlierDetection detection) {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, connectionPool,
        Objects.requireNonNull(detection, "detection == null"), istioMutual);
  }

  /**
   * Ejects a pod after {@code consecutive5xxErrors} errors in a row (for TCP, failed connections), looking every
   * {@code checkInterval}; an ejected pod stays out for {@code ejectionTime} times the number of its ejections so
   * far (Istio's {@code baseEjectionTime}). A shorthand of {@link #outlierDetection(OutlierDetection)}; 0 errors
   * leaves outlier detection out.
   */
  public TrafficPolicy outlierDetection(int consecutive5xxErrors, String checkInterval, String ejectionTime) {
    Objects.requireNonNull(checkInterval, "interval == null");
    Objects.requireNonNull(ejectionTime, "ejectionTime == null");
    if (consecutive5xxErrors == 0) {
      return new TrafficPolicy(namespace, service, subsets, loadBalancer, connectionPool, null, istioMutual);
    }
    return outlierDetection(OutlierDetection.defaults().consecutive5xxErrors(consecutive5xxErrors)
        .interval(checkInterval).baseEjectionTime(ejectionTime));
  }

  /**
   * TLS mode {@code ISTIO_MUTUAL}: clients always send mutual TLS with the sidecars' own certificates. Istio's
   * automatic mutual TLS already does so to pods with a sidecar (and sends plain text to the others), so this only
   * forbids plain text; planning reports pods behind the Service that get no sidecar, whose requests would fail.
   */
  public TrafficPolicy istioMutual() {
    return new TrafficPolicy(namespace, service, subsets, loadBalancer, connectionPool, outlierDetection, true);
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

  public ConnectionPool connectionPool() {
    return connectionPool;
  }

  public Optional<OutlierDetection> outlierDetection() {
    return Optional.ofNullable(outlierDetection);
  }

  @Override
  public String name() {
    return "traffic-policy " + namespace + "/" + service;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    ObjectNode spec = spec();
    return List.of(IstioObjects.withRingHash(
        IstioObjects.object(IstioObjects.NETWORKING, "DestinationRule", namespace, service, spec), spec));
  }

  private ObjectNode spec() {
    ObjectNode spec = IstioObjects.node();
    spec.put("host", IstioObjects.serviceHost(namespace, service));
    ObjectNode policy = IstioObjects.node();
    if (loadBalancer != null) policy.set("loadBalancer", loadBalancer.toTree());
    if (!connectionPool.isEmpty()) policy.set("connectionPool", connectionPool.toTree());
    if (outlierDetection != null) policy.set("outlierDetection", outlierDetection.toTree());
    if (istioMutual) policy.putObject("tls").put("mode", "ISTIO_MUTUAL");
    if (!policy.isEmpty()) spec.set("trafficPolicy", policy);
    if (!subsets.isEmpty()) {
      ArrayNode list = spec.putArray("subsets");
      subsets.forEach((name, labels) -> list.addObject().put("name", name).set("labels", IstioObjects.labels(labels)));
    }
    return spec;
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.DESTINATION_RULES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.NETWORKING, "DestinationRule", namespace, service);
    TrafficPolicyRules.check(spec().path("trafficPolicy"), namespace, "spec.trafficPolicy",
        (error, field, detail, fix) -> problems.add(
            error ? Problem.error(ref, field, detail, fix) : Problem.warning(ref, field, detail, fix)));
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
