package dev.shipshape.mesh;

/** Workloads in shop, monitoring and ingress, each running as a ServiceAccount of its own. */
final class AuthorizationFixtures {
  private AuthorizationFixtures() {}

  static final String[][] WORKLOADS = {
      {"shop", "web", "http", "8080"}, {"shop", "api", "http", "8080"}, {"shop", "db", "pg", "5432"},
      {"monitoring", "prometheus", "web", "9090"}, {"ingress", "nginx", "http", "80"}};

  static final int[] PORTS = {80, 5432, 8080, 8081, 9090};

  static String yaml() {
    StringBuilder out = new StringBuilder();
    for (String ns : new String[] {"shop", "monitoring", "ingress"}) {
      out.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ").append(ns).append("}\n---\n");
    }
    for (String[] w : WORKLOADS) {
      out.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ").append(w[1]).append(", namespace: ")
          .append(w[0]).append("}\nspec:\n  selector: {matchLabels: {app: ").append(w[1]).append("}}\n")
          .append("  template:\n    metadata: {labels: {app: ").append(w[1]).append("}}\n")
          .append("    spec:\n      serviceAccountName: ").append(w[1]).append('\n')
          .append("      containers: [{name: main, image: registry.example/").append(w[1])
          .append(":1, ports: [{name: ").append(w[2]).append(", containerPort: ").append(w[3]).append("}]}]\n")
          .append("---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ").append(w[1])
          .append(", namespace: ").append(w[0]).append("}\n---\n");
    }
    return out.toString();
  }
}
