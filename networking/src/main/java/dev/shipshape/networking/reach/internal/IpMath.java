package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.reach.Ipv4Range;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Interval arithmetic on IPv4 ranges. */
final class IpMath {
  private IpMath() {}

  /**
   * An IPv4 address or CIDR with leading zeros dropped from its octets ({@code 010.0.0.0/8} is
   * {@code 10.0.0.0/8}): the API server still accepts them, as decimal, with a warning that a later release will
   * not. Other text is returned as it is.
   */
  static String withoutLeadingZeros(String text) {
    if (text.contains(":")) return text;
    return text.replaceAll("(?<![0-9])0+(?=[0-9])", "");
  }

  /** {@code ranges} without the addresses of {@code removed}. */
  static List<Ipv4Range> subtract(List<Ipv4Range> ranges, Ipv4Range removed) {
    List<Ipv4Range> out = new ArrayList<>();
    for (Ipv4Range r : ranges) {
      if (!r.overlaps(removed)) {
        out.add(r);
        continue;
      }
      if (r.first() < removed.first()) out.add(new Ipv4Range(r.first(), removed.first() - 1));
      if (r.last() > removed.last()) out.add(new Ipv4Range(removed.last() + 1, r.last()));
    }
    return out;
  }

  /**
   * Cuts the whole IPv4 space at every edge of {@code ranges}: each piece lies either wholly inside or wholly
   * outside each range. Without ranges, the one piece is every address.
   */
  static List<Ipv4Range> pieces(Collection<Ipv4Range> ranges) {
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(0L);
    for (Ipv4Range r : ranges) {
      cuts.add(r.first());
      if (r.last() < Ipv4Range.MAX) cuts.add(r.last() + 1);
    }
    List<Ipv4Range> out = new ArrayList<>(cuts.size());
    Long previous = null;
    for (long cut : cuts) {
      if (previous != null) out.add(new Ipv4Range(previous, cut - 1));
      previous = cut;
    }
    out.add(new Ipv4Range(previous, Ipv4Range.MAX));
    return out;
  }

  /** True when {@code piece} (never straddling an edge of {@code ranges}) lies in one of them. */
  static boolean covered(Ipv4Range piece, List<Ipv4Range> ranges) {
    for (Ipv4Range r : ranges) {
      if (r.contains(piece)) return true;
    }
    return false;
  }
}
