package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gateway routes that subset rules elsewhere do not affect are those a comparison of every gateway route with every
 * VirtualService that splits by subset finds, in that order.
 */
class VsDestinationHostAnalyzerTest {
  @Property(tries = 300)
  void reportsWhatComparingEveryRouteWithEverySplittingServiceReports(@ForAll("mesh") List<MeshObject> objects) {
    RandomMesh.assertReportsAsReference(new VsDestinationHostAnalyzer(), VsDestinationHostAnalyzerTest::reference,
        objects);
  }

  @Provide
  Arbitrary<List<MeshObject>> mesh() {
    return RandomMesh.objects(8, "VirtualService", "VirtualService", "Service", "ServiceEntry");
  }

  private static void reference(MeshIndex index, Reporter out) {
    ServiceRegistry registry = new ServiceRegistry(index);
    List<MeshObject> splitting = new ArrayList<>();
    for (MeshObject vs : index.all("VirtualService")) {
      List<String> hosts = Json.strings(vs.spec().path("hosts"));
      boolean splits = Routes.routeDestinations(vs).stream()
          .anyMatch(d -> d.field().startsWith("spec.http") && !d.subset().isEmpty() && hosts.contains(d.host()));
      if (splits) splitting.add(vs);
    }
    for (MeshObject vs : index.all("VirtualService")) {
      for (Routes.Destination d : Routes.routeDestinations(vs)) {
        VsDestinationHostAnalyzer.checkHost(vs, d, "host", registry, out);
      }
      for (Routes.Destination d : Routes.mirrorDestinations(vs)) {
        VsDestinationHostAnalyzer.checkHost(vs, d, "mirror host", registry, out);
      }
      if (Json.list(vs.spec().path("gateways")).isEmpty()) continue;
      for (Routes.Destination d : Routes.routeDestinations(vs)) {
        if (!d.field().startsWith("spec.http") || !d.subset().isEmpty()) continue;
        for (MeshObject other : splitting) {
          boolean routesBySubset = Routes.routeDestinations(other).stream()
              .anyMatch(o -> o.field().startsWith("spec.http") && !o.subset().isEmpty() && o.host().equals(d.host())
                  && Json.strings(other.spec().path("hosts")).contains(o.host()));
          if (!routesBySubset) continue;
          out.report(IstioMessage.INGRESS_ROUTE_RULES_NOT_AFFECTED, vs, d.field() + ".host",
              "the subset rules of VirtualService " + other.fullName() + " do not apply to traffic that enters"
                  + " through the gateway of VirtualService " + vs.fullName(),
              "route to the subsets in the gateway-bound VirtualService too");
        }
      }
    }
  }
}
