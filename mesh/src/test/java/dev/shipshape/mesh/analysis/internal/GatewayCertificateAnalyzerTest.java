package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Duplicate certificates are those a comparison of every pair of gateways' TLS servers finds, in that order. */
class GatewayCertificateAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryPairOfGatewaysReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new GatewayCertificateAnalyzer(), GatewayCertificateAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "Gateway");
  }

  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject gateway : index.all("Gateway")) {
      Map<String, String> selector = Gateways.selector(gateway);
      for (MeshObject other : index.all("Gateway")) {
        if (other == gateway || !Selectors.selects(selector, Gateways.selector(other))) continue;
        if (!sharesCertificate(gateway, other)) continue;
        out.report(IstioMessage.GATEWAY_DUPLICATE_CERTIFICATE, gateway, "metadata.name",
            "duplicate certificate in gateways [" + gateway.fullName() + " " + other.fullName()
                + "] can cause 404s if the client reuses the HTTP/2 connection",
            "give each Gateway its own certificate, or serve the hosts from one server");
      }
    }
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
