package dev.shipshape.networking.reach;

import java.util.Objects;
import java.util.Optional;

/**
 * One end of a connection: a workload ({@code namespace/name[Kind]}) or a range of addresses outside the cluster
 * ({@code first-last[External]}). A workload peer stands for all pods of one workload object, or all pods with the
 * same controlling owner, or one pod without an owner.
 */
public final class Peer implements Comparable<Peer> {
  private final String namespace;
  private final String name;
  private final String kind;
  private final Ipv4Range range;
  private final String text;

  private Peer(String namespace, String name, String kind, Ipv4Range range) {
    this.namespace = namespace;
    this.name = name;
    this.kind = kind;
    this.range = range;
    this.text = range != null ? range + "[External]" : namespace + "/" + name + "[" + kind + "]";
  }

  /** A workload, such as {@code shop/frontend} of kind {@code Deployment}. */
  public static Peer workload(String namespace, String name, String kind) {
    return new Peer(Objects.requireNonNull(namespace, "namespace == null"), Objects.requireNonNull(name, "name == null"),
        Objects.requireNonNull(kind, "kind == null"), null);
  }

  /** Addresses outside the cluster. */
  public static Peer external(Ipv4Range range) {
    return new Peer("", "", "External", Objects.requireNonNull(range, "range == null"));
  }

  public boolean isExternal() {
    return range != null;
  }

  /** The namespace of a workload; empty for an external peer. */
  public String namespace() {
    return namespace;
  }

  /** The name of a workload; empty for an external peer. */
  public String name() {
    return name;
  }

  /** The workload kind, {@code Pod} for a pod without owner, {@code External} for addresses. */
  public String kind() {
    return kind;
  }

  /** The address range of an external peer. */
  public Optional<Ipv4Range> range() {
    return Optional.ofNullable(range);
  }

  /** Ordered by text, character by character, as the connection list is. */
  @Override
  public int compareTo(Peer other) {
    return text.compareTo(other.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Peer && text.equals(((Peer) o).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** {@code namespace/name[Kind]} or {@code first-last[External]}. */
  @Override
  public String toString() {
    return text;
  }
}
