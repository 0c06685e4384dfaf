package dev.shipshape.networking.reach;

import dev.shipshape.networking.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A set of allowed connections: for each protocol, the ports it may use. Immutable; {@link #union} and
 * {@link #intersect} return new sets. Its text form is the one the np-guard netpol-analyzer prints:
 * {@code All Connections}, {@code No Connections}, or groups such as {@code TCP 80,8080-8090,UDP 53}.
 */
public final class ConnectionSet {
  /** The lowest port number a policy can name. */
  public static final int MIN_PORT = 1;
  /** The highest port number. */
  public static final int MAX_PORT = 65535;

  private static final int[] EMPTY = new int[0];
  private static final int[] FULL = {MIN_PORT, MAX_PORT};
  private static final Protocol[] PROTOCOLS = Protocol.values();

  /** Nothing allowed. */
  public static final ConnectionSet NONE = new ConnectionSet(new int[][] {EMPTY, EMPTY, EMPTY});
  /** Every port of every protocol. */
  public static final ConnectionSet ALL = new ConnectionSet(new int[][] {FULL, FULL, FULL});

  /** Per protocol ordinal: sorted, disjoint, non-adjacent ranges as {@code [first0, last0, first1, last1, …]}. */
  private final int[][] ranges;

  private ConnectionSet(int[][] ranges) {
    this.ranges = ranges;
  }

  /** The ports {@code first} to {@code last} of one protocol. */
  public static ConnectionSet of(Protocol protocol, int first, int last) {
    PortRange checked = new PortRange(first, last);
    int[][] r = {EMPTY, EMPTY, EMPTY};
    r[protocol.ordinal()] = new int[] {checked.first(), checked.last()};
    return new ConnectionSet(r);
  }

  /** One port of one protocol. */
  public static ConnectionSet of(Protocol protocol, int port) {
    return of(protocol, port, port);
  }

  /** Every port of one protocol. */
  public static ConnectionSet allPorts(Protocol protocol) {
    return of(protocol, MIN_PORT, MAX_PORT);
  }

  /** Connections allowed by either set. */
  public ConnectionSet union(ConnectionSet other) {
    if (this == other || other.isEmpty() || this == ALL) return this;
    if (isEmpty() || other == ALL) return other;
    int[][] r = new int[3][];
    for (int p = 0; p < 3; p++) r[p] = merge(ranges[p], other.ranges[p]);
    return canonical(r);
  }

  /** Connections allowed by both sets. */
  public ConnectionSet intersect(ConnectionSet other) {
    if (this == other || other == ALL) return this;
    if (this == ALL || other.isEmpty()) return other;
    if (isEmpty()) return this;
    int[][] r = new int[3][];
    for (int p = 0; p < 3; p++) r[p] = overlap(ranges[p], other.ranges[p]);
    return canonical(r);
  }

  public boolean isEmpty() {
    return this == NONE || (ranges[0].length == 0 && ranges[1].length == 0 && ranges[2].length == 0);
  }

  /** True when every port of every protocol is allowed. */
  public boolean isAll() {
    return this == ALL || (Arrays.equals(ranges[0], FULL) && Arrays.equals(ranges[1], FULL)
        && Arrays.equals(ranges[2], FULL));
  }

  /** True when this set allows {@code port} over {@code protocol}. */
  public boolean allows(Protocol protocol, int port) {
    int[] r = ranges[protocol.ordinal()];
    for (int i = 0; i < r.length; i += 2) {
      if (port >= r[i] && port <= r[i + 1]) return true;
    }
    return false;
  }

  /** The allowed ports of one protocol, ascending; empty when the protocol is not allowed at all. */
  public List<PortRange> ports(Protocol protocol) {
    int[] r = ranges[protocol.ordinal()];
    List<PortRange> out = new ArrayList<>(r.length / 2);
    for (int i = 0; i < r.length; i += 2) out.add(new PortRange(r[i], r[i + 1]));
    return Collections.unmodifiableList(out);
  }

  /**
   * {@code All Connections}, {@code No Connections}, or one group per protocol, {@code <PROTOCOL> <ports>},
   * sorted by their text and joined by {@code ,}; runs of ports print as {@code first-last}.
   */
  @Override
  public String toString() {
    if (isAll()) return "All Connections";
    if (isEmpty()) return "No Connections";
    List<String> groups = new ArrayList<>(3);
    for (Protocol protocol : PROTOCOLS) {
      List<PortRange> ports = ports(protocol);
      if (ports.isEmpty()) continue;
      StringBuilder group = new StringBuilder(protocol.name()).append(' ');
      for (int i = 0; i < ports.size(); i++) {
        if (i > 0) group.append(',');
        group.append(ports.get(i));
      }
      groups.add(group.toString());
    }
    Collections.sort(groups);
    return String.join(",", groups);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionSet && Arrays.deepEquals(ranges, ((ConnectionSet) o).ranges);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(ranges);
  }

  private static ConnectionSet canonical(int[][] r) {
    if (r[0].length == 0 && r[1].length == 0 && r[2].length == 0) return NONE;
    if (Arrays.equals(r[0], FULL) && Arrays.equals(r[1], FULL) && Arrays.equals(r[2], FULL)) return ALL;
    return new ConnectionSet(r);
  }

  /** Union of two canonical range lists, merging overlapping and adjacent ranges. */
  private static int[] merge(int[] a, int[] b) {
    if (a.length == 0 || a == b) return b.length == 0 ? a : b;
    if (b.length == 0) return a;
    int[] out = new int[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      int lo;
      int hi;
      if (j >= b.length || (i < a.length && a[i] <= b[j])) {
        lo = a[i];
        hi = a[i + 1];
        i += 2;
      } else {
        lo = b[j];
        hi = b[j + 1];
        j += 2;
      }
      if (n > 0 && lo <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], hi);
      } else {
        out[n++] = lo;
        out[n++] = hi;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static int[] overlap(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) return EMPTY;
    if (Arrays.equals(a, FULL)) return b;
    if (Arrays.equals(b, FULL)) return a;
    int[] out = new int[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int lo = Math.max(a[i], b[j]);
      int hi = Math.min(a[i + 1], b[j + 1]);
      if (lo <= hi) {
        out[n++] = lo;
        out[n++] = hi;
      }
      if (a[i + 1] < b[j + 1]) i += 2;
      else j += 2;
    }
    return n == 0 ? EMPTY : Arrays.copyOf(out, n);
  }
}
