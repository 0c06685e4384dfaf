package dev.shipshape.networking.policy;

import dev.shipshape.networking.Protocol;
import java.util.Objects;
import java.util.Optional;

/**
 * A port a rule allows: a number, a range ({@code endPort}) or a container port name, over TCP, UDP or SCTP.
 * Checked when the set compiles: numbers within 1-65535, a range only from a numeric port and not below it.
 */
public final class PolicyPort {
  private final Protocol protocol;
  private final Integer number;
  private final Integer endPort;
  private final String name;

  private PolicyPort(Protocol protocol, Integer number, Integer endPort, String name) {
    this.protocol = Objects.requireNonNull(protocol, "protocol == null");
    this.number = number;
    this.endPort = endPort;
    this.name = name;
  }

  public static PolicyPort tcp(int port) {
    return new PolicyPort(Protocol.TCP, port, null, null);
  }

  public static PolicyPort udp(int port) {
    return new PolicyPort(Protocol.UDP, port, null, null);
  }

  public static PolicyPort sctp(int port) {
    return new PolicyPort(Protocol.SCTP, port, null, null);
  }

  /** Ports {@code first} to {@code last}, inclusive ({@code port} with {@code endPort}). */
  public static PolicyPort range(Protocol protocol, int first, int last) {
    return new PolicyPort(protocol, first, last, null);
  }

  /** A TCP container port by name, resolved on each destination pod. */
  public static PolicyPort named(String name) {
    return named(name, Protocol.TCP);
  }

  /** A container port by name and protocol, resolved on each destination pod. */
  public static PolicyPort named(String name, Protocol protocol) {
    return new PolicyPort(protocol, null, null, Objects.requireNonNull(name, "name == null"));
  }

  /** This port with an {@code endPort}: the range from its number to {@code last}. */
  public PolicyPort through(int last) {
    return new PolicyPort(protocol, number, last, name);
  }

  public Protocol protocol() {
    return protocol;
  }

  public Optional<Integer> number() {
    return Optional.ofNullable(number);
  }

  public Optional<Integer> endPort() {
    return Optional.ofNullable(endPort);
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PolicyPort)) return false;
    PolicyPort p = (PolicyPort) o;
    return protocol == p.protocol && Objects.equals(number, p.number) && Objects.equals(endPort, p.endPort)
        && Objects.equals(name, p.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, number, endPort, name);
  }

  /** {@code 8080/TCP}, {@code 8000-8100/TCP} or {@code http/TCP}. */
  @Override
  public String toString() {
    String port = name != null ? name : number + (endPort == null ? "" : "-" + endPort);
    return port + "/" + protocol;
  }
}
