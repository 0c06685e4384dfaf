package dev.shipshape.networking.reach;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An inclusive range of IPv4 addresses, held as unsigned 32-bit numbers.
 *
 * @param first the first address, {@code 0} to {@code 2^32-1}
 * @param last the last address, not below {@code first}
 */
public record Ipv4Range(long first, long last) {
  /** The highest IPv4 address as a number. */
  public static final long MAX = 0xFFFF_FFFFL;
  /** Every IPv4 address. */
  public static final Ipv4Range ALL = new Ipv4Range(0, MAX);

  public Ipv4Range {
    if (first < 0 || last > MAX || last < first) {
      throw new IllegalArgumentException("not an IPv4 range: " + first + "-" + last);
    }
  }

  /**
   * The addresses of a CIDR such as {@code 10.0.0.0/8}; host bits are ignored, as Kubernetes does when it matches.
   *
   * @throws IllegalArgumentException when the text is not an IPv4 CIDR
   */
  public static Ipv4Range ofCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("'" + cidr + "' is not a CIDR such as 10.0.0.0/8");
    long address = address(cidr.substring(0, slash));
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + cidr + "' has no numeric prefix length", e);
    }
    if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-32");
    long size = 1L << (32 - prefix);
    long start = address & ~(size - 1) & MAX;
    return new Ipv4Range(start, start + size - 1);
  }

  /** One address, such as {@code 192.0.2.7}. */
  public static Ipv4Range ofAddress(String address) {
    long a = address(address);
    return new Ipv4Range(a, a);
  }

  /** True when the text is an IPv6 address or CIDR rather than an IPv4 one. */
  public static boolean isIpv6(String cidrOrAddress) {
    return cidrOrAddress.contains(":");
  }

  private static long address(String text) {
    InetAddress parsed;
    try {
      parsed = InetAddresses.forString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
    }
    if (!(parsed instanceof Inet4Address)) throw new IllegalArgumentException("'" + text + "' is not IPv4");
    return Integer.toUnsignedLong(InetAddresses.coerceToInteger(parsed));
  }

  /** True when every address of {@code other} lies in this range. */
  public boolean contains(Ipv4Range other) {
    return first <= other.first && other.last <= last;
  }

  /** True when this range and {@code other} share an address. */
  public boolean overlaps(Ipv4Range other) {
    return first <= other.last && other.first <= last;
  }

  /** {@code 10.0.0.0-10.255.255.255}: always first and last address, never CIDR notation. */
  @Override
  public String toString() {
    return dotted(first) + "-" + dotted(last);
  }

  private static String dotted(long a) {
    return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
  }
}
