package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.mesh.analysis.IstioMessage;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Whether a gateway accepts a VirtualService's hosts, found in an index of the gateway's server hosts, is what
 * comparing every server host visible from the VirtualService's namespace with every host of it finds.
 */
class VsGatewayAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryServerHostWithEveryHostReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new VsGatewayAnalyzer(), VsGatewayAnalyzerTest::reference, objects);
  }

  /**
   * A server host {@code ./host} is visible from the gateway's namespace only, {@code ns/host} from {@code ns} only,
   * and {@code * /host} and a plain host from every namespace.
   */
  @Test
  void aServerHostForANamespaceAcceptsTheVirtualServicesOfThatNamespaceOnly() {
    String gateway = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: shared, namespace: edge}\n"
        + "spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 443, name: https, protocol: HTTPS},"
        + " hosts: [./own.example.com, shop/shop.example.com, '*/any.example.com', plain.example.com]}]}\n";
    String routes = "";
    for (String[] route : new String[][] {{"edge", "own"}, {"shop", "own"}, {"shop", "shop"}, {"edge", "shop"},
        {"blog", "any"}, {"blog", "plain"}}) {
      routes += "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + route[1]
          + ", namespace: " + route[0] + "}\nspec: {hosts: [" + route[1] + ".example.com], gateways: [edge/shared],"
          + " http: [{route: [{destination: {host: web}}]}]}\n";
    }

    FindingReport report = MeshAnalyzer.only(List.of(new VsGatewayAnalyzer().name())).analyzeYaml(gateway + routes);

    assertThat(report.findings()).extracting(f -> f.resources().get(0).toString()).containsExactly(
        "VirtualService.networking.istio.io edge/shop", "VirtualService.networking.istio.io shop/own");
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(10, "VirtualService", "Gateway", "Gateway");
  }

  /** The analyzer's host check written pairwise; the other two checks as the analyzer makes them. */
  private static void reference(MeshIndex index, Reporter out) {
    for (MeshObject vs : index.all("VirtualService")) {
      List<String> gateways = Json.strings(vs.spec().path("gateways"));
      List<String> hosts = Json.strings(vs.spec().path("hosts"));
      for (int i = 0; i < gateways.size(); i++) {
        String gw = gateways.get(i);
        if (gw.equals(VsGatewayAnalyzer.MESH)) continue;
        String field = "spec.gateways[" + i + "]";
        String[] name = Routes.gatewayName(vs.namespace(), gw);
        Optional<MeshObject> gateway = index.find("Gateway", name[0], name[1]);
        if (gateway.isEmpty()) {
          out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, vs, field,
              "referenced gateway not found: \"" + gw + "\"", "create the Gateway or fix the reference");
        }
        if (gateway.map(g -> acceptsAny(g, hosts, vs.namespace())).orElse(false)) continue;
        out.report(IstioMessage.VIRTUAL_SERVICE_HOST_NOT_FOUND_IN_GATEWAY, vs, field,
            "one or more host " + hosts + " defined in VirtualService " + vs.fullName()
                + " not found in Gateway " + name[0] + "/" + name[1] + ".",
            "add the hosts to a server of the Gateway, or bind the VirtualService to a Gateway that accepts them");
      }
    }
  }

  private static boolean acceptsAny(MeshObject gateway, List<String> hosts, String namespace) {
    for (String gh : serverHosts(gateway, namespace)) {
      for (String h : hosts) {
        if (Hosts.matches(gh, h)) return true;
      }
    }
    return false;
  }

  private static List<String> serverHosts(MeshObject gateway, String namespace) {
    List<String> result = new ArrayList<>();
    for (var server : Json.list(gateway.spec().path("servers"))) {
      for (String h : Json.strings(server.path("hosts"))) {
        int slash = h.indexOf('/');
        if (slash < 0) {
          result.add(h);
          continue;
        }
        String ns = h.substring(0, slash);
        if (ns.equals(".")) ns = gateway.namespace();
        if (ns.equals("*") || ns.equals(namespace)) result.add(h.substring(slash + 1));
      }
    }
    return result;
  }
}
