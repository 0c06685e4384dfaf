package dev.shipshape.testing;

/** Which cluster {@link ShipshapeCluster} gives a test. */
public enum ClusterMode {
  /**
   * core's {@code EmbeddedCluster}: fabric8's in-process mock API server with stand-in controllers, a fresh one per
   * test. Needs nothing installed; implements no server-side apply, admission or RBAC.
   */
  EMBEDDED,
  /**
   * The JVM's {@link LocalControlPlane}: a real kube-apiserver and etcd. The test is skipped, with the reason, when
   * the binaries are absent, and fails instead when environment variable {@code SHIPSHAPE_REQUIRE_CONTROL_PLANE} is
   * {@code 1} (for CI, where a skipped run must not pass for a proven one).
   */
  CONTROL_PLANE,
  /**
   * An existing cluster: the kubeconfig context named by system property {@code shipshape.kubeconfig.context}, else
   * environment variable {@code SHIPSHAPE_KUBECONFIG_CONTEXT}, from the usual kubeconfig ({@code KUBECONFIG} or
   * {@code ~/.kube/config}). Skipped, with the reason, when neither names a context. Tests write to that cluster.
   */
  KUBECONFIG
}
