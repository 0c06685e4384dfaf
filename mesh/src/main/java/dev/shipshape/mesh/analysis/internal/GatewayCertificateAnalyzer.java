package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.Map;
import java.util.Set;

/**
 * TLS servers of Gateways on the same gateway workload with the same certificate ({@code IST0138}): the same
 * {@code credentialName}, or the same {@code serverCertificate} and {@code privateKey}. Reported on a Gateway whose
 * selector is a subset of the other's (an empty selector covers all); clients that reuse HTTP/2 connections across
 * the hosts can get 404s.
 */
final class GatewayCertificateAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "gateway.CertificateAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Gateway");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    for (MeshObject gateway : index.all("Gateway")) {
      Map<String, String> selector = Gateways.selector(gateway);
      for (MeshObject other : index.all("Gateway")) {
        if (other == gateway || !subset(selector, Gateways.selector(other))) continue;
        if (!sharesCertificate(gateway, other)) continue;
        out.report(IstioMessage.GATEWAY_DUPLICATE_CERTIFICATE, gateway, "metadata.name",
            "duplicate certificate in gateways [" + gateway.fullName() + " " + other.fullName()
                + "] can cause 404s if the client reuses the HTTP/2 connection",
            "give each Gateway its own certificate, or serve the hosts from one server");
      }
    }
  }

  private static boolean subset(Map<String, String> x, Map<String, String> y) {
    return x.entrySet().stream().allMatch(e -> e.getValue().equals(y.get(e.getKey())));
  }

  private static boolean sharesCertificate(MeshObject a, MeshObject b) {
    for (JsonNode sa : Json.list(a.spec().path("servers"))) {
      for (JsonNode sb : Json.list(b.spec().path("servers"))) {
        JsonNode ta = sa.path("tls");
        JsonNode tb = sb.path("tls");
        if (ta.isObject() && tb.isObject() && sameCertificate(ta, tb)) return true;
      }
    }
    return false;
  }

  private static boolean sameCertificate(JsonNode a, JsonNode b) {
    String ca = Json.text(a.path("credentialName"));
    String cb = Json.text(b.path("credentialName"));
    if (!ca.isEmpty() && !cb.isEmpty()) return ca.equals(cb);
    if (!ca.isEmpty() || !cb.isEmpty()) return false;
    String certA = Json.text(a.path("serverCertificate"));
    String keyA = Json.text(a.path("privateKey"));
    return !certA.isEmpty() && certA.equals(Json.text(b.path("serverCertificate")))
        && !keyA.isEmpty() && keyA.equals(Json.text(b.path("privateKey")));
  }
}
