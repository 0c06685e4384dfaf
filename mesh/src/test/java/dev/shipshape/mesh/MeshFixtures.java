package dev.shipshape.mesh;

import dev.shipshape.core.ClusterSpec;
import java.util.Map;

/** A shop namespace with two versions of a web Deployment behind one Service, and the mesh components for it. */
public final class MeshFixtures {
  private MeshFixtures() {}

  public static final String APP = String.join("\n",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: shop}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v1, namespace: shop}", "spec:",
      "  selector: {matchLabels: {app: web, version: v1}}",
      "  template:", "    metadata: {labels: {app: web, version: v1}}",
      "    spec: {containers: [{name: web, image: nginx:1.27}]}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-v2, namespace: shop}", "spec:",
      "  selector: {matchLabels: {app: web, version: v2}}",
      "  template:", "    metadata: {labels: {app: web, version: v2}}",
      "    spec: {containers: [{name: web, image: nginx:1.28}]}", "---",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}", "spec:",
      "  selector: {app: web}", "  ports: [{name: http, port: 80, targetPort: 8080}]", "");

  public static TrafficPolicy policy() {
    return policy("shop");
  }

  public static TrafficPolicy policy(String namespace) {
    return TrafficPolicy.forService(namespace, "web")
        .subset("v1", Map.of("version", "v1"))
        .subset("v2", Map.of("version", "v2"))
        .loadBalancer(LoadBalancer.consistentHashByCookie("session", "3600s"))
        .connectionPool(100, 10)
        .outlierDetection(5, "10s", "30s")
        .istioMutual();
  }

  public static TrafficRoutes routes() {
    return routes("shop");
  }

  public static TrafficRoutes routes(String namespace) {
    return TrafficRoutes.forService(namespace, "web")
        .route(RouteMatch.header("x-beta", "true"), "v2")
        .split(weights("v1", 90, "v2", 10))
        .timeout("2s")
        .retries(3, "500ms", "5xx,reset");
  }

  /** Weights in the order given. */
  public static Map<String, Integer> weights(String a, int wa, String b, int wb) {
    Map<String, Integer> map = new java.util.LinkedHashMap<>();
    map.put(a, wa);
    map.put(b, wb);
    return map;
  }

  public static ClusterSpec.Builder spec() {
    return spec("shop");
  }

  /** The app and its mesh components in {@code namespace}. */
  public static ClusterSpec.Builder spec(String namespace) {
    return ClusterSpec.builder().name(namespace).yaml(APP.replace("shop", namespace))
        .component(MeshMembership.sidecar(namespace), MutualTls.forNamespace(namespace).strict(), policy(namespace),
            routes(namespace));
  }
}
