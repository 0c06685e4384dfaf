package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hosts of an Ingress as the API server validates them: a DNS-1123 subdomain, whose first label may be the
 * wildcard {@code *}, and for a rule not an IPv4 address
 * (https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards).
 */
final class IngressHostChecks {
  private static final String OCTET = "0*(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
  private IngressHostChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    if (!o.ref.kind().equals("Ingress") || !o.ref.group().equals("networking.k8s.io")) return;
    JsonNode spec = Manifests.toTree(o.object).path("spec");
    JsonNode rules = spec.path("rules");
    for (int i = 0; i < rules.size(); i++) {
      host(o, "spec.rules[" + i + "].host", rules.get(i).path("host").asText(""), true, problems);
    }
    JsonNode tls = spec.path("tls");
    for (int i = 0; i < tls.size(); i++) {
      JsonNode hosts = tls.get(i).path("hosts");
      for (int j = 0; j < hosts.size(); j++) {
        host(o, "spec.tls[" + i + "].hosts[" + j + "]", hosts.get(j).asText(""), false, problems);
      }
    }
  }

  /**
   * A rule's host may not be an IPv4 address (Kubernetes parses it leniently, leading zeros allowed); a TLS host is
   * checked for its form only, as the API server does.
   */
  private static void host(CompiledObject o, String field, String host, boolean rule, List<Problem> problems) {
    if (host.isEmpty()) return;
    boolean address = rule && IPV4.matcher(host).matches();
    List<String> wrong = Names.checkDns1123Subdomain(host.startsWith("*.") ? host.substring(2) : host);
    if (!address && wrong.isEmpty() && host.length() <= 253) return;
    String why = address ? "it is an IP address" : wrong.isEmpty() ? "it is longer than 253 characters"
        : String.join("; ", wrong);
    problems.add(ObjectChecks.error(o, field, "'" + host + "' is not a host name: " + why,
        "use a DNS name such as shop.example.com, or *.example.com"));
  }
}
