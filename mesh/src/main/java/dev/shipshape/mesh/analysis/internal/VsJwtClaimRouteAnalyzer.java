package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualService bound to a gateway that routes on JWT claims ({@code @request.auth.claims.*} headers) needs a
 * RequestAuthentication selecting the gateway's pods, in {@code istio-system} or the pod's namespace
 * ({@code IST0149}); without it the claims are never set.
 */
final class VsJwtClaimRouteAnalyzer implements Analyzer {
  private static final String CLAIM_PREFIX = "@request.auth.claims";

  @Override
  public String name() {
    return "virtualservice.JWTClaimRouteAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("VirtualService", "RequestAuthentication", "Gateway", "Pod");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    SelectorIndex authns = new SelectorIndex(index.all("RequestAuthentication"),
        ra -> Json.stringMap(ra.spec().path("selector").path("matchLabels")), SelectorIndex.Empty.SELECTS_ALL);
    for (MeshObject vs : index.all("VirtualService")) {
      Optional<String> claim = claimKey(vs);
      if (claim.isEmpty()) continue;
      for (String gw : Json.strings(vs.spec().path("gateways"))) {
        if (gw.equals(VsGatewayAnalyzer.MESH)) continue;
        String[] name = Routes.gatewayName(vs.namespace(), gw);
        Optional<MeshObject> gateway = index.find("Gateway", name[0], name[1]);
        if (gateway.isEmpty()) continue;
        for (MeshObject pod : Gateways.pods(index, gateway.get())) {
          Map<String, String> labels = pod.labels();
          if (!authns.selecting(Namespaces.ISTIO_SYSTEM, labels).isEmpty()
              || !authns.selecting(pod.namespace(), labels).isEmpty()) {
            continue;
          }
          out.report(IstioMessage.JWT_CLAIM_BASED_ROUTING_WITHOUT_REQUEST_AUTHN, vs, "spec.http",
              "routes on JWT claim " + claim.get() + " through gateway " + name[0] + "/" + name[1]
                  + " but no RequestAuthentication applies to its pod " + pod.name(),
              "add a RequestAuthentication that selects the gateway's pods, in istio-system or the pod's namespace");
        }
      }
    }
  }

  static Optional<String> claimKey(MeshObject vs) {
    for (JsonNode http : Json.list(vs.spec().path("http"))) {
      for (JsonNode match : Json.list(http.path("match"))) {
        for (String field : new String[] {"headers", "withoutHeaders"}) {
          var names = match.path(field).fieldNames();
          while (names.hasNext()) {
            String key = names.next();
            if (key.startsWith(CLAIM_PREFIX)) return Optional.of(key);
          }
        }
      }
    }
    return Optional.empty();
  }
}
