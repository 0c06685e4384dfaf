package dev.shipshape.mesh.analysis.internal;

/**
 * Istio host names: wildcard matching as Istio's {@code host.Name} does it, and short names made fully qualified in
 * a namespace ({@code reviews} in {@code default} is {@code reviews.default.svc.cluster.local}).
 */
public final class Hosts {
  public static final String CLUSTER_DOMAIN = "svc.cluster.local";

  private Hosts() {}

  /** True when the two names have a host in common ({@code *.a.com} and {@code b.a.com}; {@code *} and anything). */
  public static boolean matches(String a, String b) {
    boolean wa = a.startsWith("*");
    boolean wb = b.startsWith("*");
    if (wa && wb) {
      String sa = a.substring(1);
      String sb = b.substring(1);
      return sa.length() > sb.length() ? sa.endsWith(sb) : sb.endsWith(sa);
    }
    if (wa) return b.endsWith(a.substring(1));
    if (wb) return a.endsWith(b.substring(1));
    return a.equals(b);
  }

  /** True when every host of {@code a} is a host of {@code b}. */
  public static boolean subsetOf(String a, String b) {
    if (b.startsWith("*")) return a.endsWith(b.substring(1));
    return !a.startsWith("*") && a.equals(b);
  }

  /** The fully qualified name of a host given in a namespace; wildcards and names with dots stay as they are. */
  public static String fqdn(String namespace, String host) {
    if (host.startsWith("*") || host.contains(".")) return host;
    return host + "." + namespace + "." + CLUSTER_DOMAIN;
  }

  /**
   * The {@code namespace/name} of the Service a host names: {@code name.namespace.svc.cluster.local} (or a short
   * name resolved in {@code namespace}) gives the Service's name; other hosts keep the given namespace.
   */
  public static String serviceKey(String namespace, String host) {
    String fqdn = fqdn(namespace, host);
    if (fqdn.endsWith("." + CLUSTER_DOMAIN)) {
      String[] parts = fqdn.substring(0, fqdn.length() - CLUSTER_DOMAIN.length() - 1).split("\\.");
      if (parts.length == 2) return parts[1] + "/" + parts[0];
    }
    return namespace + "/" + host;
  }
}
