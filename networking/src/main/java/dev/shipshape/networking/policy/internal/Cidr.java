package dev.shipshape.networking.policy.internal;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR as a first and last address, for validating ipBlocks.
 *
 * @param first the first address as a number
 * @param last the last address as a number
 * @param ipv6 whether it is an IPv6 block
 */
public record Cidr(BigInteger first, BigInteger last, boolean ipv6) {

  /** The block that {@code text} names, or empty when it is not {@code address/prefix}. */
  public static Optional<Cidr> parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0 || !InetAddresses.isInetAddress(text.substring(0, slash))) return Optional.empty();
    String addressText = text.substring(0, slash);
    byte[] bytes = InetAddresses.forString(addressText).getAddress();
    if (bytes.length == 4 && addressText.contains(":")) {
      // An IPv4-mapped IPv6 address (::ffff:10.0.0.0), which Go keeps in its 16-byte form with a 128-bit prefix.
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      bytes = mapped;
    }
    int bits = bytes.length * 8;
    String prefixText = text.substring(slash + 1);
    // Go's parser takes decimal digits only: no sign, as Integer.parseInt would accept.
    if (!prefixText.matches("[0-9]{1,3}")) return Optional.empty();
    int prefix = Integer.parseInt(prefixText);
    if (prefix < 0 || prefix > bits) return Optional.empty();
    BigInteger value = new BigInteger(1, bytes);
    BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
    BigInteger first = value.subtract(value.mod(size));
    return Optional.of(new Cidr(first, first.add(size).subtract(BigInteger.ONE), bits == 128));
  }

  /** True when every address of {@code other} is in this block. */
  public boolean contains(Cidr other) {
    return ipv6 == other.ipv6 && first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
  }
}
