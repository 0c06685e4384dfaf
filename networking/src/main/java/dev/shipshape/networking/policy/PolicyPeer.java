package dev.shipshape.networking.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who a rule allows: pods by labels (in the policy's own namespace), namespaces by name or labels, both together
 * (a pod must match both), or an IPv4/IPv6 CIDR with exceptions. An ipBlock peer never matches pods, only
 * addresses outside the cluster ("Network Policies", Kubernetes documentation, "Behavior of to and from
 * selectors").
 */
public final class PolicyPeer {
  /** The label every namespace carries with its own name. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private final Map<String, String> namespaceLabels;
  private final Map<String, String> podLabels;
  private final String cidr;
  private final List<String> except;

  private PolicyPeer(Map<String, String> namespaceLabels, Map<String, String> podLabels, String cidr,
      List<String> except) {
    this.namespaceLabels = namespaceLabels;
    this.podLabels = podLabels;
    this.cidr = cidr;
    this.except = except;
  }

  /** Pods with these labels in the policy's own namespace. */
  public static PolicyPeer pods(Map<String, String> labels) {
    return new PolicyPeer(null, Map.copyOf(new TreeMap<>(labels)), null, List.of());
  }

  /** Pods labelled {@code key=value} in the policy's own namespace. */
  public static PolicyPeer pods(String key, String value) {
    return pods(Map.of(key, value));
  }

  /** Every pod of the namespace called {@code name}, selected by its {@code kubernetes.io/metadata.name} label. */
  public static PolicyPeer namespace(String name) {
    return namespacesLabelled(Map.of(NAMESPACE_NAME_LABEL, Objects.requireNonNull(name, "name == null")));
  }

  /** Every pod of every namespace with these labels. */
  public static PolicyPeer namespacesLabelled(Map<String, String> labels) {
    return new PolicyPeer(Map.copyOf(new TreeMap<>(labels)), null, null, List.of());
  }

  /** Every pod of every namespace, including namespaces created later. */
  public static PolicyPeer allNamespaces() {
    return new PolicyPeer(Map.of(), null, null, List.of());
  }

  /** Addresses in {@code cidr}, except those in the {@code except} CIDRs. */
  public static PolicyPeer cidr(String cidr, String... except) {
    return new PolicyPeer(null, null, Objects.requireNonNull(cidr, "cidr == null"), List.of(except));
  }

  /** The cluster DNS pods: {@code k8s-app=kube-dns} in {@code kube-system}. */
  public static PolicyPeer kubeDns() {
    return namespace("kube-system").andPods("k8s-app", "kube-dns");
  }

  /**
   * Of these namespaces, only pods with these labels: one peer with both selectors, which a pod must match both
   * of, unlike two separate peers, either of which suffices.
   *
   * @throws IllegalStateException when this peer does not select namespaces
   */
  public PolicyPeer andPods(Map<String, String> labels) {
    if (namespaceLabels == null) {
      throw new IllegalStateException("andPods(...) narrows a namespace peer; " + this + " selects no namespaces");
    }
    return new PolicyPeer(namespaceLabels, Map.copyOf(new TreeMap<>(labels)), null, List.of());
  }

  /** {@link #andPods(Map)} with one label. */
  public PolicyPeer andPods(String key, String value) {
    return andPods(Map.of(key, value));
  }

  /** The namespace selector's labels; empty Optional for "the policy's own namespace". */
  public Optional<Map<String, String>> namespaceLabels() {
    return Optional.ofNullable(namespaceLabels);
  }

  /** The pod selector's labels; empty Optional for "every pod". */
  public Optional<Map<String, String>> podLabels() {
    return Optional.ofNullable(podLabels);
  }

  /** The CIDR of an ipBlock peer. */
  public Optional<String> cidr() {
    return Optional.ofNullable(cidr);
  }

  public List<String> except() {
    return except;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PolicyPeer)) return false;
    PolicyPeer p = (PolicyPeer) o;
    return Objects.equals(namespaceLabels, p.namespaceLabels) && Objects.equals(podLabels, p.podLabels)
        && Objects.equals(cidr, p.cidr) && except.equals(p.except);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespaceLabels, podLabels, cidr, except);
  }

  @Override
  public String toString() {
    if (cidr != null) return "cidr " + cidr + (except.isEmpty() ? "" : " except " + except);
    String ns = namespaceLabels == null ? "" : "namespaces " + new TreeMap<>(namespaceLabels);
    String pods = podLabels == null ? "" : "pods " + new TreeMap<>(podLabels);
    return ns.isEmpty() ? pods : pods.isEmpty() ? ns : ns + " and " + pods;
  }
}
