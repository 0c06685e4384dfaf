package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * TLS servers of Gateways on the same gateway workload with the same certificate ({@code IST0138}): the same
 * {@code credentialName}, or the same {@code serverCertificate} and {@code privateKey}. Reported on a Gateway whose
 * selector is a subset of the other's (an empty selector covers all); clients that reuse HTTP/2 connections across
 * the hosts can get 404s.
 */
final class GatewayCertificateAnalyzer implements Analyzer {
  /** The certificate of a TLS server: a {@code credentialName}, or else a certificate and key file. */
  private record Certificate(String credentialName, String serverCertificate, String privateKey) { }

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
    List<MeshObject> gateways = index.all("Gateway");
    List<Set<Certificate>> certificates = new ArrayList<>();
    // The gateways by certificate: each pair is a message, so only gateways with a certificate in common are paired.
    Map<Certificate, List<Integer>> byCertificate = new HashMap<>();
    for (int g = 0; g < gateways.size(); g++) {
      certificates.add(certificates(gateways.get(g)));
      for (Certificate c : certificates.get(g)) byCertificate.computeIfAbsent(c, k -> new ArrayList<>()).add(g);
    }
    for (int g = 0; g < gateways.size(); g++) {
      MeshObject gateway = gateways.get(g);
      Map<String, String> selector = Gateways.selector(gateway);
      SortedSet<Integer> sharing = new TreeSet<>();
      for (Certificate c : certificates.get(g)) sharing.addAll(byCertificate.get(c));
      for (int o : sharing) {
        MeshObject other = gateways.get(o);
        if (o == g || !subset(selector, Gateways.selector(other))) continue;
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

  private static Set<Certificate> certificates(MeshObject gateway) {
    Set<Certificate> certificates = new LinkedHashSet<>();
    for (JsonNode server : Json.list(gateway.spec().path("servers"))) {
      JsonNode tls = server.path("tls");
      if (tls.isObject()) certificate(tls).ifPresent(certificates::add);
    }
    return certificates;
  }

  /**
   * The certificate two servers share when it is equal: a {@code credentialName} matches only an equal one, and
   * a certificate file only with a key file, both non-empty and equal.
   */
  private static Optional<Certificate> certificate(JsonNode tls) {
    String credential = Json.text(tls.path("credentialName"));
    if (!credential.isEmpty()) return Optional.of(new Certificate(credential, "", ""));
    String cert = Json.text(tls.path("serverCertificate"));
    String key = Json.text(tls.path("privateKey"));
    return cert.isEmpty() || key.isEmpty() ? Optional.empty() : Optional.of(new Certificate("", cert, key));
  }
}
