package dev.shipshape.mesh.analysis.internal;

/** Namespace names with a meaning to Istio's analysis. */
public final class Namespaces {
  /** Istio's own namespace and, by default, its root namespace for mesh-wide policies. */
  public static final String ISTIO_SYSTEM = "istio-system";

  private Namespaces() {}

  /** Namespaces that {@code istioctl analyze} leaves out by default. */
  public static boolean isSystem(String namespace) {
    return namespace.equals("kube-system") || namespace.equals("kube-public")
        || namespace.equals("kube-node-lease") || namespace.equals("local-path-storage");
  }
}
