package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import java.util.List;

/**
 * The hosts of an Ingress as the API server validates them: a DNS-1123 subdomain, whose first label may be the
 * wildcard {@code *}, and not an IP address
 * (https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards).
 */
final class IngressHostChecks {
  private IngressHostChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    if (!o.ref.kind().equals("Ingress") || !o.ref.group().equals("networking.k8s.io")) return;
    JsonNode spec = Manifests.toTree(o.object).path("spec");
    JsonNode rules = spec.path("rules");
    for (int i = 0; i < rules.size(); i++) {
      host(o, "spec.rules[" + i + "].host", rules.get(i).path("host").asText(""), problems);
    }
    JsonNode tls = spec.path("tls");
    for (int i = 0; i < tls.size(); i++) {
      JsonNode hosts = tls.get(i).path("hosts");
      for (int j = 0; j < hosts.size(); j++) {
        host(o, "spec.tls[" + i + "].hosts[" + j + "]", hosts.get(j).asText(""), problems);
      }
    }
  }

  private static void host(CompiledObject o, String field, String host, List<Problem> problems) {
    if (host.isEmpty()) return;
    String name = host.startsWith("*.") ? host.substring(2) : host;
    List<String> wrong = Names.checkDns1123Subdomain(name);
    boolean address = name.matches("[0-9.]+") || name.contains(":");
    if (wrong.isEmpty() && !address) return;
    problems.add(ObjectChecks.error(o, field, "'" + host + "' is not a host name: " + (address ? "it is an IP "
        + "address" : String.join("; ", wrong)), "use a DNS name such as shop.example.com, or *.example.com"));
  }
}
