package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Addresses as Istio's {@code ValidateIPSubnet} reads them: every IP address and CIDR block, nothing else. */
class ServiceEntryRulesTest {
  private static List<String> problems(String address) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.putArray("hosts").add("db.example.com");
    spec.putArray("addresses").add(address);
    spec.put("resolution", "STATIC");
    List<String> found = new ArrayList<>();
    ServiceEntryRules.check(spec, (error, field, detail, fix) -> found.add(field + ": " + detail));
    return found;
  }

  @Property(tries = 200)
  void everyIpv4AddressAndCidrBlockIsAccepted(@ForAll @Size(4) List<@IntRange(max = 255) Integer> octets,
      @ForAll @IntRange(max = 32) int bits) {
    String ip = octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3);
    assertThat(problems(ip)).isEmpty();
    assertThat(problems(ip + "/" + bits)).isEmpty();
  }

  @Property(tries = 100)
  void everyIpv6AddressIsAccepted(@ForAll @Size(16) List<Byte> bytes, @ForAll @IntRange(max = 128) int bits)
      throws UnknownHostException {
    byte[] raw = new byte[16];
    for (int i = 0; i < 16; i++) raw[i] = bytes.get(i);
    String ip = InetAddress.getByAddress(raw).getHostAddress();
    assertThat(problems(ip)).isEmpty();
    assertThat(problems(ip + "/" + bits)).isEmpty();
  }

  @Property(tries = 100)
  void octetsAbove255AndPrefixesBeyondTheAddressAreRefused(@ForAll @IntRange(min = 256, max = 999) int octet,
      @ForAll @IntRange(min = 33, max = 999) int bits) {
    assertThat(problems("10.0.0." + octet)).containsExactly("spec.addresses[0]: 10.0.0." + octet
        + " is not a valid IP");
    assertThat(problems("10.0.0.0/" + bits)).containsExactly("spec.addresses[0]: 10.0.0.0/" + bits
        + " is not a valid CIDR block");
  }

  /** Go's {@code netip.ParseAddr} takes an IPv6 zone (any non-empty text); {@code netip.ParsePrefix} refuses it. */
  @Test
  void ipv6AddressesWithAZoneAreAcceptedButNotInCidrBlocks() {
    assertThat(problems("fe80::1%eth0")).isEmpty();
    assertThat(problems("fe80::1%2")).isEmpty();
    assertThat(problems("::ffff:10.0.0.1%lo")).isEmpty();
    assertThat(problems("fe80::1%")).containsExactly("spec.addresses[0]: fe80::1% is not a valid IP");
    assertThat(problems("10.0.0.1%eth0")).containsExactly("spec.addresses[0]: 10.0.0.1%eth0 is not a valid IP");
    assertThat(problems("fe80::%eth0/64")).containsExactly("spec.addresses[0]: fe80::%eth0/64 is not a valid "
        + "CIDR block");
    assertThat(problems("10.0.0.0/8/8")).containsExactly("spec.addresses[0]: 10.0.0.0/8/8 is not a valid IP");
  }

  @Property(tries = 50)
  void everyIpv6AddressWithAZoneIsAccepted(@ForAll @Size(16) List<Byte> bytes,
      @ForAll("zones") String zone) throws UnknownHostException {
    byte[] raw = new byte[16];
    for (int i = 0; i < 16; i++) raw[i] = bytes.get(i);
    String ip = InetAddress.getByAddress(raw).getHostAddress();
    assertThat(problems(ip + "%" + zone)).isEmpty();
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> zones() {
    return net.jqwik.api.Arbitraries.strings().alpha().numeric().withChars('.', '-', '_').ofMinLength(1)
        .ofMaxLength(15);
  }
}
