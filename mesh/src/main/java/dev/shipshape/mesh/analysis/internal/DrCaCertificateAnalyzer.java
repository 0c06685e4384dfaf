package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Set;

/**
 * A DestinationRule's TLS in SIMPLE or MUTUAL mode verifies the server's certificate: it names
 * {@code caCertificates}, or a {@code credentialName} together with a {@code workloadSelector}, or says
 * {@code insecureSkipVerify} explicitly. Otherwise {@code IST0128} at the top level, {@code IST0129} per port.
 */
final class DrCaCertificateAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "destinationrule.CaCertificateAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("DestinationRule");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    for (MeshObject dr : index.all("DestinationRule")) {
      boolean selector = dr.spec().path("workloadSelector").isObject();
      String host = Json.text(dr.spec().path("host"));
      JsonNode policy = dr.spec().path("trafficPolicy");
      if (unverified(policy.path("tls"), selector)) {
        out.report(IstioMessage.NO_SERVER_CERTIFICATE_VERIFICATION_DESTINATION_LEVEL, dr,
            "spec.trafficPolicy.tls.caCertificates",
            "DestinationRule " + dr.fullName() + " in namespace " + dr.namespace() + " has TLS mode "
                + Json.text(policy.path("tls").path("mode")) + " but no caCertificates are set to validate"
                + " server identity for host: " + host,
            "set tls.caCertificates (or credentialName with a workloadSelector)");
      }
      List<JsonNode> ports = Json.list(policy.path("portLevelSettings"));
      for (int i = 0; i < ports.size(); i++) {
        JsonNode tls = ports.get(i).path("tls");
        if (!unverified(tls, selector)) continue;
        out.report(IstioMessage.NO_SERVER_CERTIFICATE_VERIFICATION_PORT_LEVEL, dr,
            "spec.trafficPolicy.portLevelSettings[" + i + "].tls.caCertificates",
            "DestinationRule " + dr.fullName() + " in namespace " + dr.namespace() + " has TLS mode "
                + Json.text(tls.path("mode")) + " but no caCertificates are set to validate server identity for"
                + " host: " + host + " at port " + ports.get(i).path("port").path("number").asInt(),
            "set tls.caCertificates on the port (or credentialName with a workloadSelector)");
      }
    }
  }

  private static boolean unverified(JsonNode tls, boolean workloadSelector) {
    String mode = Json.text(tls.path("mode"));
    if (!mode.equals("SIMPLE") && !mode.equals("MUTUAL")) return false;
    if (tls.path("insecureSkipVerify").asBoolean(false)) return false;
    if (!Json.text(tls.path("caCertificates")).isEmpty()) return false;
    return !(workloadSelector && !Json.text(tls.path("credentialName")).isEmpty());
  }
}
