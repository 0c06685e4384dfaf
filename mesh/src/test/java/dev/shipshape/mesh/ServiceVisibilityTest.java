package dev.shipshape.mesh;

import static dev.shipshape.mesh.ExportedClientCredentialsTest.ENTRY;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.entry;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.gatewayError;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.gatewayIn;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.noGateway;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.reaches;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.rule;
import static dev.shipshape.mesh.ExportedClientCredentialsTest.spec;
import static dev.shipshape.mesh.TlsCredentialsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A gateway uses a DestinationRule only for the services its namespace sees, as istiod builds a gateway's scope from
 * the services exported to the gateway's namespace ({@code DefaultSidecarScopeForGateway} in istio/istio
 * {@code pilot/pkg/model/sidecar.go}, {@code servicesExportedToNamespace} in {@code pilot/pkg/model/push_context.go}):
 * a ServiceEntry's {@code exportTo} and a Service's {@code networking.istio.io/exportTo} annotation decide, unset
 * meaning every namespace.
 */
class ServiceVisibilityTest {
  private static final String SHOP_SECRET = "{mode: SIMPLE, credentialName: 'kubernetes://shop/api-cacert'}";

  /** The ServiceEntry of api.example.com in shop, exported as given. */
  private static String entryExported(String exportTo) {
    return ENTRY.replace("resolution: DNS}", "resolution: DNS, exportTo: " + exportTo + "}");
  }

  /** A Service api in shop with the exportTo annotation {@code annotation}. */
  private static String service(String annotation) {
    return String.join("\n", "---", "apiVersion: v1", "kind: Service", "metadata:", "  name: api",
        "  namespace: shop", "  annotations: {networking.istio.io/exportTo: '" + annotation + "'}",
        "spec: {selector: {app: api}, ports: [{name: https, port: 443}]}", "");
  }

  @Test
  void aGatewayUsesNoRuleForAServiceEntryNotExportedToItsNamespace() {
    String originate = rule("shop", "originate", "api.example.com", "", SHOP_SECRET);
    // Only shop sees api.example.com: the gateway of edge has no cluster for it, and reads no Secret of shop.
    assertThat(problems(spec(gatewayIn("edge") + entryExported("['.']") + originate))).containsExactly(
        noGateway("shop", "originate", "api.example.com"));
    assertThat(problems(spec(gatewayIn("edge") + entryExported("['~']") + originate))).containsExactly(
        noGateway("shop", "originate", "api.example.com"));
    // Exported to edge (and not to shop), the gateway of edge uses the rule and cannot read shop's Secret.
    assertThat(problems(spec(gatewayIn("edge") + entryExported("[edge]") + originate)))
        .containsExactlyInAnyOrder(noGateway("shop", "originate", "api.example.com"),
            gatewayError("shop", "edge", "api.example.com"));
  }

  @Test
  void aServicesExportToAnnotationIsReadEntryByEntry() {
    String originate = rule("shop", "originate", "api.shop.svc.cluster.local", "", SHOP_SECRET);
    String noGateway = noGateway("shop", "originate", "api.shop.svc.cluster.local");
    String error = gatewayError("shop", "edge", "api.shop.svc.cluster.local");
    assertThat(problems(spec(gatewayIn("edge") + service("shop, team") + originate))).containsExactly(noGateway);
    assertThat(problems(spec(gatewayIn("edge") + service("~") + originate))).containsExactly(noGateway);
    assertThat(problems(spec(gatewayIn("edge") + service("team , edge") + originate))).containsExactlyInAnyOrder(
        noGateway, error);
    assertThat(problems(spec(gatewayIn("edge") + service("*") + originate))).containsExactlyInAnyOrder(noGateway,
        error);
    // An empty annotation is no annotation: the Service is seen everywhere.
    assertThat(problems(spec(gatewayIn("edge") + service("") + originate))).containsExactlyInAnyOrder(noGateway,
        error);
  }

  /**
   * With a rule of shop exported everywhere and a credential every gateway reads in its own namespace, exactly the
   * gateways of the namespaces that see the ServiceEntry use the rule: all when its exportTo is unset or {@code *},
   * shop for {@code .}, each namespace named, none for {@code ~}.
   */
  @Property(tries = 25)
  void theGatewaysOfExactlyTheNamespacesThatSeeTheServiceUseTheRule(
      @ForAll("namespaces") List<String> gateways, @ForAll("exportTo") List<String> exportTo) {
    String yaml = gateways.stream().map(ExportedClientCredentialsTest::gatewayIn).collect(Collectors.joining())
        + (exportTo.isEmpty() ? ENTRY : entryExported("['" + String.join("', '", exportTo) + "']"))
        + rule("shop", "originate", "api.example.com", "", "{mode: SIMPLE, credentialName: api-cacert}");
    boolean none = exportTo.contains("~") && !exportTo.contains("*");
    List<String> reached = gateways.stream().filter(ns -> !none && (exportTo.isEmpty() || exportTo.contains("*")
        || exportTo.contains(ns) || exportTo.contains(".") && ns.equals("shop"))).toList();
    assertThat(problems(spec(yaml))).containsExactly(reached.isEmpty()
        ? noGateway("shop", "originate", "api.example.com") : reaches(reached.toArray(String[]::new)));
  }

  @Provide
  Arbitrary<List<String>> namespaces() {
    return Arbitraries.of("shop", "istio-system", "edge", "team").list().uniqueElements().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<String>> exportTo() {
    return Arbitraries.of("*", ".", "~", "shop", "istio-system", "edge", "team").list().uniqueElements()
        .ofMaxSize(3);
  }
}
