package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Addresses as Istio's {@code ValidateIPSubnet} reads them: every IP address and CIDR block, nothing else; endpoints
 * as Istio's {@code ValidateServiceEntry} and {@code validateWorkloadEntry} read them.
 */
class ServiceEntryRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String HTTP = "hosts: [a.example.com]\nports: [{name: http, number: 80, protocol: HTTP}]\n";

  private static List<String> findings(String yaml) throws JsonProcessingException {
    List<String> found = new ArrayList<>();
    ServiceEntryRules.check(YAML.readTree(yaml), "shop", (error, field, detail, fix) ->
        found.add((error ? "ERROR " : "WARNING ") + field + ": " + detail + " — " + fix));
    return found;
  }

  /**
   * A port's targetPort, when set, is 1 to 65535: Istio's validation checks one other than 0, and the CRD's rule
   * ("port must be between 1-65535") refuses an explicit 0 too.
   */
  @Test
  void aTargetPortIsFrom1To65535WhenSet() throws JsonProcessingException {
    String fix = "give the port the endpoints receive on, or remove targetPort to send to port 443";
    assertThat(findings("hosts: [a.example.com]\nresolution: DNS\nports: [{name: a, number: 443, protocol: TLS, "
        + "targetPort: 8443}, {name: b, number: 444, protocol: TLS, targetPort: 65535}, {name: c, number: 443, "
        + "protocol: TLS, targetPort: 0}, {name: d, number: 443, protocol: TLS, targetPort: 65536}]"))
        .filteredOn(f -> f.contains("targetPort")).containsExactly(
            "ERROR spec.ports[2].targetPort: port \"c\" (ports[2], number 443): target port 0 must be in the range "
                + "1..65535 — " + fix,
            "ERROR spec.ports[3].targetPort: port \"d\" (ports[3], number 443): target port 65536 must be in the "
                + "range 1..65535 — " + fix);
  }

  /** A null targetPort is pruned by the API server (the field is not nullable), so Istio reads none: no problem. */
  @Test
  void aNullTargetPortIsNoTargetPort() throws JsonProcessingException {
    assertThat(findings("hosts: [a.example.com]\nresolution: DNS\nports: [{name: a, number: 443, protocol: TLS, "
        + "targetPort: null}]")).isEmpty();
  }

  /**
   * Port names are DNS-1123 labels as Istio's {@code labels.IsDNS1123Label} reads them ({@code ValidatePortName}):
   * upper-case letters are allowed, as the API server also accepts them.
   */
  @Test
  void portNamesMayHaveUpperCaseLetters() throws JsonProcessingException {
    assertThat(findings("hosts: [a.example.com]\nresolution: DNS\nports: [{name: Web, number: 443, protocol: TLS}, "
        + "{name: web-2, number: 444, protocol: TLS}]")).isEmpty();
  }

  /**
   * A ServiceEntry's exportTo as Istio's {@code validateExportTo} reads it for ServiceEntries: as a DestinationRule's,
   * but {@code ~} (visible to no namespace) is allowed, alone.
   */
  @Test
  void anEntrysExportToMayBeTildeAlone() throws JsonProcessingException {
    String entry = "hosts: [a.example.com]\nresolution: DNS\nports: [{name: tls, number: 443, protocol: TLS}]\n";
    assertThat(findings(entry + "exportTo: ['~']")).isEmpty();
    assertThat(findings(entry + "exportTo: ['.', edge]")).isEmpty();
    assertThat(findings(entry + "exportTo: ['~', edge]")).containsExactly("ERROR spec.exportTo: cannot export "
        + "service entry to no one (~) and someone — keep ~ alone to hide the entry from every namespace, or list "
        + "the namespaces that see it without ~");
    assertThat(findings(entry + "exportTo: ['.', shop, '*']")).containsExactly(
        "ERROR spec.exportTo[1]: duplicate entries in exportTo for entry shop — list each namespace once",
        "ERROR spec.exportTo: cannot have both public (*) and non-public exportTo values for a resource — keep * "
            + "alone to export the entry to every namespace, or list the namespaces without *");
    assertThat(findings(entry + "exportTo: [team_2, null]")).containsExactly(
        "ERROR spec.exportTo[0]: only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry: \"team_2\" — "
            + "give a namespace name (lower-case letters, digits and '-'), . for the entry's own namespace or * for "
            + "every namespace",
        "ERROR spec.exportTo[1]: exportTo entry null is not a string: the CRD's entries are strings, and the API "
            + "server refuses any other value — write a namespace name, . or * (in quotes where YAML would read "
            + "another type), or remove the entry");
  }

  /** Istio's ValidateServiceEntry appends every port problem; none hides another, and each names its port. */
  @Test
  void everyProblemOfEveryPortIsReportedAndNamesThePort() throws JsonProcessingException {
    assertThat(findings("hosts: [a.example.com]\nresolution: DNS\nports: [{name: Bad_Name, number: 80, protocol: "
        + "HTTP}, {name: Bad_Name, number: 80, protocol: HTTP}, {name: 'web.', number: 0, protocol: QUIC}, "
        + "{name: ok, number: 0, protocol: TLS}]")).containsExactly(
        "ERROR spec.ports[0].name: port \"Bad_Name\" (ports[0], number 80): invalid port name: Bad_Name — name the "
            + "port with letters, digits and '-', such as tls or http-api",
        "ERROR spec.ports[1].name: port \"Bad_Name\" (ports[1], number 80): service entry port name \"Bad_Name\" "
            + "already defined — give each port its own name",
        "ERROR spec.ports[1].number: port \"Bad_Name\" (ports[1], number 80): service entry port 80 already defined "
            + "— declare each port number once",
        "ERROR spec.ports[1].name: port \"Bad_Name\" (ports[1], number 80): invalid port name: Bad_Name — name the "
            + "port with letters, digits and '-', such as tls or http-api",
        "ERROR spec.ports[2].name: port \"web.\" (ports[2], number 0): invalid port name: web. — name the port with "
            + "letters, digits and '-', such as tls or http-api",
        "ERROR spec.ports[2].number: port \"web.\" (ports[2], number 0): port number 0 must be in the range "
            + "1..65535 — give the port number",
        "ERROR spec.ports[2].protocol: port \"web.\" (ports[2], number 0): unsupported protocol: QUIC — use one of "
            + "HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL, or leave it unset "
            + "for protocol detection",
        "ERROR spec.ports[3].number: port \"ok\" (ports[3], number 0): service entry port 0 already defined — "
            + "declare each port number once",
        "ERROR spec.ports[3].number: port \"ok\" (ports[3], number 0): port number 0 must be in the range 1..65535 "
            + "— give the port number");
    assertThat(findings("hosts: [a.example.com]\nresolution: DNS\nports: [{number: 80}, {number: 81}]"))
        .containsExactly(
        "ERROR spec.ports[0].name: port without a name (ports[0], number 80): invalid port name:  — name the port "
            + "with letters, digits and '-', such as tls or http-api",
        "ERROR spec.ports[1].name: port without a name (ports[1], number 81): service entry port name \"\" already "
            + "defined — give each port its own name",
        "ERROR spec.ports[1].name: port without a name (ports[1], number 81): invalid port name:  — name the port "
            + "with letters, digits and '-', such as tls or http-api");
  }

  @Test
  void aUnixSocketIsAStaticEndpointWithAnAbsolutePathAndOnePort() throws JsonProcessingException {
    assertThat(findings(HTTP + "resolution: DNS\nendpoints: [{address: 'unix:///var/run/a.sock'}]"))
        .containsExactly("ERROR spec.endpoints[0].address: endpoint address \"unix:///var/run/a.sock\" is not a "
            + "valid FQDN or an IP address — use resolution STATIC for a unix socket");
    assertThat(findings("hosts: [a.example.com]\nresolution: STATIC\nports: [{name: http, number: 80, protocol: "
        + "HTTP}, {name: h2, number: 81, protocol: HTTP}]\nendpoints: [{address: 'unix:///var/run/a.sock'}]"))
        .containsExactly("ERROR spec.endpoints[0].address: exactly 1 service port required for unix endpoints — "
            + "declare one port in spec.ports (the sidecar's listener for the socket), or give the socket its own "
            + "ServiceEntry");
    assertThat(findings(HTTP + "resolution: STATIC\nendpoints: [{address: 'unix://relative/a.sock'}, "
        + "{address: 'unix:///var/run/'}, {address: 'unix://'}]")).containsExactly(
        "ERROR spec.endpoints[0].address: relative/a.sock is not an absolute path to a file — give the absolute "
            + "path of the socket file, such as unix:///var/run/app.sock",
        "ERROR spec.endpoints[1].address: /var/run/ is not an absolute path to a file — give the absolute path of "
            + "the socket file, such as unix:///var/run/app.sock",
        "ERROR spec.endpoints[2].address: unix address must not be empty — give the absolute path of the socket "
            + "file, such as unix:///var/run/app.sock");
    assertThat(findings(HTTP + "resolution: STATIC\nendpoints: [{address: 'unix:///var/run/a.sock'}, "
        + "{address: 'unix://@abstract'}]")).isEmpty();
  }

  @Test
  void anEndpointWithoutAddressNeedsANetworkUnderStaticAndAnAddressUnderDns() throws JsonProcessingException {
    assertThat(findings(HTTP + "resolution: STATIC\nendpoints: [{network: n1}, {labels: {a: b}}]"))
        .containsExactly(
            "WARNING spec.endpoints[0].address: address is unset with network \"n1\" — give the endpoint's IP "
                + "address, unless it is to be reached only through the gateway of network n1",
            "ERROR spec.endpoints[1].address: address is required — give the endpoint's IP address");
    assertThat(findings(HTTP + "resolution: DNS\nendpoints: [{network: n1}]")).containsExactly(
        "ERROR spec.endpoints[0].address: endpoint address \"\" is not a valid FQDN or an IP address — give the "
            + "endpoint's IP address or host name; resolution DNS needs one even for an endpoint in another network");
    assertThat(findings(HTTP + "resolution: DNS_ROUND_ROBIN\nendpoints: [{address: a.b.example, ports: {http: 8080, "
        + "Bad_Name: 9090}}]")).containsExactly(
        "ERROR spec.endpoints[0].ports.Bad_Name: endpoint port 9090 is not defined by the service entry — name a port "
            + "of spec.ports ([http])",
        "ERROR spec.endpoints[0].ports.Bad_Name: invalid port name: Bad_Name — use the name of a port of spec.ports");
  }

  /** Istio compares the protocol as written, {@code port.Protocol == "TCP"}: "tcp" is no TCP to this warning. */
  @Test
  void theAddressWarningComparesTheProtocolAsWritten() throws JsonProcessingException {
    assertThat(findings("hosts: [a.example.com]\nports: [{name: t, number: 5432, protocol: tcp}]")).isEmpty();
    assertThat(findings("hosts: [a.example.com]\nports: [{name: t, number: 5432, protocol: TCP}, "
        + "{name: u, number: 5433}]")).hasSize(2).allSatisfy(f -> assertThat(f).startsWith("WARNING ")
        .contains("addresses are required for ports serving TCP (or unset) protocol"));
  }

  private static List<String> problems(String address) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.putArray("hosts").add("db.example.com");
    spec.putArray("addresses").add(address);
    spec.put("resolution", "STATIC");
    List<String> found = new ArrayList<>();
    ServiceEntryRules.check(spec, "shop", (error, field, detail, fix) -> found.add(field + ": " + detail));
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
