package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Secret a Gateway server names in {@code tls.credentialName} exists in the namespace of the gateway's pods
 * ({@code IST0101}) and holds a usable certificate ({@code IST0161}): a non-empty {@code tls.crt}/{@code tls.key}
 * (or {@code cert}/{@code key}) pair whose certificate is a PEM X.509 certificate valid now. Secret values never
 * appear in messages.
 */
final class GatewaySecretAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "gateway.SecretAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Gateway", "Pod", "Secret");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    for (MeshObject gateway : index.all("Gateway")) {
      List<MeshObject> pods = Gateways.pods(index, gateway);
      String namespace = pods.isEmpty() ? "" : pods.get(0).namespace();
      List<JsonNode> servers = Json.list(gateway.spec().path("servers"));
      for (int i = 0; i < servers.size(); i++) {
        String credential = Json.text(servers.get(i).path("tls").path("credentialName"));
        if (credential.isEmpty()) continue;
        String[] name = Routes.gatewayName(namespace, credential);
        String field = "spec.servers[" + i + "].tls.credentialName";
        Optional<MeshObject> secret = index.find("Secret", name[0], name[1]);
        if (secret.isEmpty()) {
          out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, gateway, field,
              "referenced credentialName not found: \"" + credential + "\"",
              "create the TLS Secret " + credential + " in the namespace of the gateway's pods"
                  + (namespace.isEmpty() ? "" : " (" + namespace + ")"));
          continue;
        }
        invalid(secret.get()).ifPresent(problem -> out.report(IstioMessage.INVALID_GATEWAY_CREDENTIAL, gateway,
            field, "credential " + credential + " is not usable: " + problem,
            "put a valid PEM certificate and key under tls.crt and tls.key"));
      }
    }
  }

  private static Optional<String> invalid(MeshObject secret) {
    JsonNode data = secret.tree().path("data");
    String cert = decoded(data, "tls.crt").orElse(decoded(data, "cert").orElse(""));
    String key = decoded(data, "tls.key").orElse(decoded(data, "key").orElse(""));
    if (cert.isEmpty() || key.isEmpty()) return Optional.of("it lacks a non-empty tls.crt and tls.key pair");
    try {
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(cert.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      x509.checkValidity();
      return Optional.empty();
    } catch (CertificateExpiredException e) {
      return Optional.of("its certificate has expired");
    } catch (CertificateNotYetValidException e) {
      return Optional.of("its certificate is not yet valid");
    } catch (CertificateException | RuntimeException e) {
      return Optional.of("tls.crt is not a PEM X.509 certificate");
    }
  }

  private static Optional<String> decoded(JsonNode data, String key) {
    String value = Json.text(data.path(key));
    if (value.isEmpty()) return Optional.empty();
    try {
      return Optional.of(new String(Base64.getMimeDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
