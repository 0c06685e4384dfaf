package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of Istio's validation of a ServiceEntry ({@code ValidateServiceEntry} in istio/istio
 * {@code pkg/config/validation}), over the spec as a tree, shared by {@code ExternalHost}'s planning checks and
 * the {@code schema.ValidationAnalyzer.ServiceEntry}:
 * <ul>
 *   <li>hosts: at least one; not {@code *}; a domain whose labels are DNS-1123 labels, a wildcard allowed in the
 *       first label only ({@code *.example.com}; {@code *example.com} is a partial wildcard, a warning);</li>
 *   <li>addresses: IP addresses or CIDR blocks, CIDR blocks only with the resolution NONE or STATIC;</li>
 *   <li>ports, each problem of each port reported and named: numbers from 1 to 65535, a {@code targetPort}, when
 *       set, from 1 to 65535 too (the validation, and the CRD's rule "port must be between 1-65535", which also
 *       refuses an explicit 0; a {@code null} the API server prunes, as the field is not nullable, and Istio reads
 *       none), names that are DNS labels as Istio's {@code labels.IsDNS1123Label} reads them (either case),
 *       no number or name twice, protocols Istio knows
 *       ({@link Protocols#ISTIO}, in any case, or unset); a port whose protocol is written {@code TCP} exactly (or is
 *       unset) without addresses is a warning when Istio cannot allocate an address, which it never does for
 *       NONE;</li>
 *   <li>resolution (unset is NONE): NONE takes no endpoints; STATIC endpoints are IP addresses or {@code unix://}
 *       sockets (an absolute path or an abstract {@code @name}, without ports, in an entry with exactly one port),
 *       an endpoint without address needs a network (a warning); DNS and DNS_ROUND_ROBIN without endpoints need
 *       hosts without wildcard, their endpoints are IP addresses or domain names (neither empty nor a socket), and
 *       DNS_ROUND_ROBIN takes one at most; endpoint ports name ports of the entry;</li>
 *   <li>several hosts need HTTP or TLS ports unless the resolution is NONE (plain TCP cannot tell them apart);</li>
 *   <li>exportTo as {@link ExportToRules#serviceEntry} reads it.</li>
 * </ul>
 */
public final class ServiceEntryRules {
  /** The resolutions Istio's validation accepts (the CRD also lists DYNAMIC_DNS, which the validation refuses). */
  public static final List<String> RESOLUTIONS = List.of("NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN");

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
  private static final Pattern WILDCARD_LABEL =
      Pattern.compile("\\*|(\\*|\\*-)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
  private static final String UNIX = "unix://";

  private ServiceEntryRules() {}

  /**
   * Checks a ServiceEntry's spec in {@code namespace} (where the API server puts an entry that names none:
   * {@code default}), reporting every problem to {@code out}.
   */
  public static void check(JsonNode spec, String namespace, RuleSink out) {
    List<String> hosts = Json.strings(spec.path("hosts"));
    String resolution = Json.text(spec.path("resolution")).isEmpty() ? "NONE" : Json.text(spec.path("resolution"));
    hosts(hosts, out);
    List<String> addresses = Json.strings(spec.path("addresses"));
    boolean cidr = false;
    for (int i = 0; i < addresses.size(); i++) {
      String address = addresses.get(i);
      String field = "spec.addresses[" + i + "]";
      cidr |= address.contains("/");
      ipOrCidr(address).ifPresent(problem -> out.error(field, problem,
          "give an IP address such as 192.0.2.10 or a CIDR block such as 192.0.2.0/24"));
    }
    if (cidr && !resolution.equals("NONE") && !resolution.equals("STATIC")) {
      out.error("spec.addresses", "CIDR addresses are allowed only for NONE/STATIC resolution types",
          "set resolution NONE (or STATIC with endpoints), or give single IP addresses");
    }
    Set<String> portNames = ports(spec, resolution, addresses.isEmpty(), out);
    ExportToRules.serviceEntry(spec, namespace, out);
    endpoints(spec, hosts, resolution, portNames, out);
    if (!resolution.equals("NONE") && hosts.size() > 1) {
      for (JsonNode port : Json.list(spec.path("ports"))) {
        // Only HTTP (by the authority) and TLS (by the server name) tell the hosts apart.
        String protocol = Json.text(port.path("protocol"));
        if (!Protocols.http(protocol) && !Protocols.tls(protocol)) {
          out.error("spec.hosts", "multiple hosts provided with non-HTTP, non-TLS ports",
              "declare each host in its own ServiceEntry, or use resolution NONE");
          break;
        }
      }
    }
  }

  private static void hosts(List<String> hosts, RuleSink out) {
    if (hosts.isEmpty()) {
      out.error("spec.hosts", "service entry must have at least one host", "add the hosts it declares");
    }
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      String field = "spec.hosts[" + i + "]";
      if (host.equals("*")) {
        out.error(field, "invalid host *", "name the hosts, such as api.example.com or *.example.com");
        continue;
      }
      wildcardDomain(host).ifPresent(problem -> out.error(field, problem,
          "give a domain name, with a wildcard only as the whole first label (*.example.com)"));
      if (host.contains("*") && !host.startsWith("*.")) {
        out.warning(field, "partial wildcard \"" + host + "\" not allowed",
            "write the wildcard as the whole first label, such as *.example.com");
      }
    }
  }

  /**
   * Checks every port and reports every problem of each, as Istio's {@code ValidateServiceEntry} (istio/istio
   * {@code pkg/config/validation/validation.go}) appends each error rather than stopping at the first: a name used
   * before and a number used before are reported besides an invalid name or number. Each message names the port.
   */
  private static Set<String> ports(JsonNode spec, String resolution, boolean noAddresses, RuleSink out) {
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> ports = Json.list(spec.path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      int number = port.path("number").asInt(0);
      String name = Json.text(port.path("name"));
      String at = "spec.ports[" + i + "]";
      String which = "port " + (name.isEmpty() ? "without a name" : "\"" + name + "\"") + " (ports[" + i
          + "], number " + number + "): ";
      if (!names.add(name)) {
        out.error(at + ".name", which + "service entry port name \"" + name + "\" already defined",
            "give each port its own name");
      }
      if (!numbers.add(number)) {
        out.error(at + ".number", which + "service entry port " + number + " already defined",
            "declare each port number once");
      }
      if (name.length() > 63 || !LABEL.matcher(name).matches()) {
        out.error(at + ".name", which + "invalid port name: " + name, "name the port with letters, digits and "
            + "'-', such as tls or http-api");
      }
      if (number < 1 || number > 65535) {
        out.error(at + ".number", which + "port number " + number + " must be in the range 1..65535",
            "give the port number");
      }
      // ValidateServiceEntry checks a targetPort other than 0; the CRD's rule refuses an explicit 0 too. The API
      // server prunes a null, the field not being nullable, and Istio then reads none.
      long targetPort = port.path("targetPort").asLong(0);
      if (port.hasNonNull("targetPort") && (targetPort < 1 || targetPort > 65535)) {
        out.error(at + ".targetPort", which + "target port " + targetPort + " must be in the range 1..65535",
            "give the port the endpoints receive on, or remove targetPort to send to port " + number);
      }
      String protocol = Json.text(port.path("protocol"));
      // An unset protocol lets the sidecar detect it (ValidateProtocol).
      if (!protocol.isEmpty() && !Protocols.known(protocol)) {
        out.error(at + ".protocol", which + "unsupported protocol: " + protocol,
            "use one of " + String.join(", ", Protocols.ISTIO) + ", or leave it unset for protocol detection");
      }
      // Istio allocates addresses (PILOT_ENABLE_IP_AUTOALLOCATE, on by default) except for the resolution NONE.
      // It compares the protocol as written: "tcp" is TCP to the proxy, but gets no warning.
      if (noAddresses && resolution.equals("NONE") && (protocol.isEmpty() || protocol.equals("TCP"))) {
        out.warning(at, which + "addresses are required for ports serving TCP (or unset) protocol when IP "
            + "Autoallocation is not enabled", "give the host's addresses (IPs or CIDR blocks), so that the sidecar "
            + "does not send every connection on port " + number + " to this entry, or use a protocol such as TLS "
            + "or HTTP");
      }
    }
    return names;
  }

  private static void endpoints(JsonNode spec, List<String> hosts, String resolution, Set<String> portNames,
      RuleSink out) {
    List<JsonNode> endpoints = Json.list(spec.path("endpoints"));
    switch (resolution) {
      case "NONE" -> {
        if (!endpoints.isEmpty()) {
          out.error("spec.endpoints", "no endpoints should be provided for resolution type none",
              "remove the endpoints, or set resolution STATIC (IP endpoints) or DNS (host name endpoints)");
        }
      }
      case "STATIC" -> {
        for (int i = 0; i < endpoints.size(); i++) {
          staticEndpoint(endpoints.get(i), "spec.endpoints[" + i + "]", portNames, out);
        }
      }
      case "DNS", "DNS_ROUND_ROBIN" -> {
        if (endpoints.isEmpty()) {
          for (int i = 0; i < hosts.size(); i++) {
            if (!hosts.get(i).equals("*") && fqdn(hosts.get(i)).isPresent()) {
              out.error("spec.hosts[" + i + "]", "hosts must be FQDN if no endpoints are provided for resolution "
                  + "mode " + resolution, "give a host without wildcard, add endpoints, or use resolution NONE");
            }
          }
        }
        if (resolution.equals("DNS_ROUND_ROBIN") && endpoints.size() > 1) {
          out.error("spec.endpoints", "there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN",
              "keep one endpoint, or use resolution DNS");
        }
        for (int i = 0; i < endpoints.size(); i++) {
          dnsEndpoint(endpoints.get(i), "spec.endpoints[" + i + "]", portNames, out);
        }
      }
      default -> out.error("spec.resolution", "unsupported resolution type " + resolution,
          "use one of " + RESOLUTIONS);
    }
  }

  /**
   * A STATIC endpoint, as Istio's {@code validateWorkloadEntry} reads it: an IP address or a {@code unix://} socket;
   * without address it needs a network (the endpoint is then reached through that network's gateway), a warning.
   */
  private static void staticEndpoint(JsonNode endpoint, String at, Set<String> portNames, RuleSink out) {
    String address = Json.text(endpoint.path("address"));
    String network = Json.text(endpoint.path("network"));
    if (address.isEmpty()) {
      if (network.isEmpty()) {
        out.error(at + ".address", "address is required", "give the endpoint's IP address");
        return;
      }
      out.warning(at + ".address", "address is unset with network \"" + network + "\"", "give the endpoint's IP "
          + "address, unless it is to be reached only through the gateway of network " + network);
    }
    if (address.startsWith(UNIX)) {
      unixPath(address.substring(UNIX.length())).ifPresent(problem -> out.error(at + ".address", problem,
          "give the absolute path of the socket file, such as unix:///var/run/app.sock"));
      if (endpoint.has("ports")) {
        out.error(at + ".ports", "unix endpoint " + address + " must not include ports", "remove the ports");
      }
      if (portNames.size() != 1) {
        out.error(at + ".address", "exactly 1 service port required for unix endpoints", "declare one port in "
            + "spec.ports (the sidecar's listener for the socket), or give the socket its own ServiceEntry");
      }
    } else if (!address.isEmpty() && ip(address).isPresent()) {
      out.error(at + ".address", "endpoint address \"" + address + "\" is not a valid IP address",
          "give an IP address, or use resolution DNS for host names");
    }
    endpointPorts(endpoint, at, portNames, out);
  }

  /** A DNS or DNS_ROUND_ROBIN endpoint: an IP address or a domain name, which an empty address is not. */
  private static void dnsEndpoint(JsonNode endpoint, String at, Set<String> portNames, RuleSink out) {
    String address = Json.text(endpoint.path("address"));
    if (ip(address).isPresent() && fqdn(address).isPresent()) {
      String fix = address.startsWith(UNIX) ? "use resolution STATIC for a unix socket"
          : address.isEmpty() ? "give the endpoint's IP address or host name; resolution DNS needs one even for an "
              + "endpoint in another network"
          : "give an IP address or a host name such as api.example.com";
      out.error(at + ".address", "endpoint address \"" + address + "\" is not a valid FQDN or an IP address", fix);
    }
    endpointPorts(endpoint, at, portNames, out);
  }

  private static void endpointPorts(JsonNode endpoint, String at, Set<String> portNames, RuleSink out) {
    var ports = endpoint.path("ports").fields();
    while (ports.hasNext()) {
      var port = ports.next();
      String field = at + ".ports." + port.getKey();
      if (!portNames.contains(port.getKey())) {
        out.error(field, "endpoint port " + port.getValue().asText() + " is not defined by the service entry",
            "name a port of spec.ports (" + portNames + ")");
      }
      if (port.getKey().length() > 63 || !LABEL.matcher(port.getKey()).matches()) {
        out.error(field, "invalid port name: " + port.getKey(), "use the name of a port of spec.ports");
      }
      int number = port.getValue().asInt(0);
      if (number < 1 || number > 65535) {
        out.error(field, "port number " + number + " must be in the range 1..65535", "give the endpoint's port number");
      }
    }
  }

  /**
   * Why {@code path} (after {@code unix://}) names no socket, as Istio's {@code ValidateUnixAddress}: it is an
   * abstract socket ({@code @name}) or an absolute path that does not end with {@code /}.
   */
  static Optional<String> unixPath(String path) {
    if (path.isEmpty()) return Optional.of("unix address must not be empty");
    if (path.startsWith("@") || (path.startsWith("/") && !path.endsWith("/"))) return Optional.empty();
    return Optional.of(path + " is not an absolute path to a file");
  }

  /**
   * Why {@code address} is neither an IP address nor a CIDR block, as Istio's {@code ValidateIPSubnet} reads: with
   * one {@code /} a CIDR block (Go's {@code netip.ParsePrefix}, which refuses an IPv6 zone), else an IP address.
   */
  private static Optional<String> ipOrCidr(String address) {
    int slash = address.indexOf('/');
    if (slash < 0 || slash != address.lastIndexOf('/')) return ip(address);
    String bits = address.substring(slash + 1);
    String prefix = address.substring(0, slash);
    Optional<String> ip = prefix.contains("%") ? Optional.of("zone") : ip(prefix);
    int max = address.contains(":") ? 128 : 32;
    boolean number = bits.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(bits) <= max;
    return ip.isPresent() || !number ? Optional.of(address + " is not a valid CIDR block")
        : Optional.empty();
  }

  /**
   * Why {@code address} is no IP address, as Go's {@code netip.ParseAddr} (Istio's {@code ValidateIPAddress} and
   * {@code IsValidIPAddress}) reads it: IPv4 dotted decimal, or IPv6 with an optional zone after {@code %}
   * ({@code fe80::1%eth0}; the zone is any non-empty text). Empty when it is one.
   */
  static Optional<String> ip(String address) {
    if (IPV4.matcher(address).matches()) return Optional.empty();
    int percent = address.indexOf('%');
    String literal = percent < 0 ? address : address.substring(0, percent);
    boolean zoneValid = percent < 0 || percent < address.length() - 1;
    if (zoneValid && literal.contains(":") && IPV6_CHARS.matcher(literal).matches()) {
      try {
        // A literal with a colon is parsed, never looked up; the zone is left out, as Java would look it up as
        // a network interface of this machine.
        java.net.InetAddress.getByName("[" + literal + "]");
        return Optional.empty();
      } catch (java.net.UnknownHostException e) {
        // not an IPv6 address
      }
    }
    return Optional.of(address + " is not a valid IP");
  }

  /** Why {@code domain} is no domain name (Istio's {@code ValidateFQDN}); empty when it is one. */
  static Optional<String> fqdn(String domain) {
    Optional<String> pre = preconditions(domain);
    return pre.isPresent() ? pre : labels(domain, domain);
  }

  /** Why {@code domain} is no domain name with an optional wildcard first label (Istio's ValidateWildcardDomain). */
  private static Optional<String> wildcardDomain(String domain) {
    Optional<String> pre = preconditions(domain);
    if (pre.isPresent()) return pre;
    String[] parts = domain.split("\\.", 2);
    if (parts[0].length() > 63 || !WILDCARD_LABEL.matcher(parts[0]).matches()) {
      return Optional.of("domain name \"" + domain + "\" invalid (label \"" + parts[0] + "\" invalid)");
    }
    return parts.length > 1 ? labels(domain, parts[1]) : Optional.empty();
  }

  private static Optional<String> preconditions(String domain) {
    if (domain.length() > 255) return Optional.of("domain name \"" + domain + "\" too long (max 255)");
    if (domain.isEmpty()) return Optional.of("empty domain name not allowed");
    return Optional.empty();
  }

  private static Optional<String> labels(String domain, String rest) {
    String[] parts = rest.split("\\.", -1);
    String top = parts[parts.length - 1];
    if (top.matches("[0-9]+")) {
      return Optional.of("domain name \"" + domain + "\" invalid (top level domain \"" + top
          + "\" cannot be all-numeric)");
    }
    List<String> labels = new ArrayList<>(List.of(parts));
    // A last empty label is allowed, for names such as "istio.io."
    if (labels.size() > 1 && labels.get(labels.size() - 1).isEmpty()) labels.remove(labels.size() - 1);
    for (String label : labels) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return Optional.of("domain name \"" + domain + "\" invalid (label \"" + label + "\" invalid)");
      }
    }
    return Optional.empty();
  }
}
