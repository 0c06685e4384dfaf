package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gateway pods without a RequestAuthentication are those a scan of every pod, and of every RequestAuthentication
 * per pod, finds, in that order.
 */
class VsJwtClaimRouteAnalyzerTest {
  @Property(tries = 600)
  void reportsWhatScanningEveryPodAndAuthenticationReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new VsJwtClaimRouteAnalyzer(), VsJwtClaimRouteAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(20, "VirtualService", "VirtualService", "VirtualService", "Gateway", "Gateway",
        "Gateway", "Pod", "Pod", "Pod", "RequestAuthentication");
  }

  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject vs : index.all("VirtualService")) {
      Optional<String> claim = VsJwtClaimRouteAnalyzer.claimKey(vs);
      if (claim.isEmpty()) continue;
      for (String gw : Json.strings(vs.spec().path("gateways"))) {
        if (gw.equals(VsGatewayAnalyzer.MESH)) continue;
        String[] name = Routes.gatewayName(vs.namespace(), gw);
        Optional<MeshObject> gateway = index.find("Gateway", name[0], name[1]);
        if (gateway.isEmpty()) continue;
        for (MeshObject pod : index.all("Pod")) {
          if (!Selectors.selects(Gateways.selector(gateway.get()), pod.labels())) continue;
          if (authenticated(index, pod)) continue;
          out.report(IstioMessage.JWT_CLAIM_BASED_ROUTING_WITHOUT_REQUEST_AUTHN, vs, "spec.http",
              "routes on JWT claim " + claim.get() + " through gateway " + name[0] + "/" + name[1]
                  + " but no RequestAuthentication applies to its pod " + pod.name(),
              "add a RequestAuthentication that selects the gateway's pods, in istio-system or the pod's namespace");
        }
      }
    }
  }

  private static boolean authenticated(MeshIndex index, MeshObject pod) {
    for (MeshObject ra : index.all("RequestAuthentication")) {
      boolean applies = ra.namespace().equals(Namespaces.ISTIO_SYSTEM) || ra.namespace().equals(pod.namespace());
      Map<String, String> selector = Json.stringMap(ra.spec().path("selector").path("matchLabels"));
      if (applies && Selectors.selects(selector, pod.labels())) return true;
    }
    return false;
  }
}
