package dev.shipshape.mesh;

import static dev.shipshape.mesh.TlsCredentialsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The Secret credential of a DestinationRule without workloadSelector is read by the gateways that use the rule, in
 * their own namespace: those of its namespace and of every namespace it is exported to, as istiod looks rules up
 * ({@code destinationRule} in istio/istio {@code pilot/pkg/model/push_context.go}: the proxy's namespace first, then
 * the namespace of the host's service, then the root namespace, for each service on its own). A ConfigMap credential
 * is read in the rule's namespace by every proxy.
 */
class ExportedClientCredentialsTest {
  /** A gateway Deployment in {@code namespace}, injected with Istio's gateway template, with its own account. */
  static String gatewayIn(String namespace) {
    return String.join("\n", "---", "apiVersion: apps/v1", "kind: Deployment",
        "metadata: {name: gw, namespace: " + namespace + "}", "spec:", "  selector: {matchLabels: {istio: gw}}",
        "  template:", "    metadata: {labels: {istio: gw}, annotations: {inject.istio.io/templates: gateway}}",
        "    spec: {serviceAccountName: gw-" + namespace + ", containers: [{name: istio-proxy, image: auto}]}", "");
  }

  static final String GATEWAYS = gatewayIn("istio-system") + gatewayIn("edge");

  /** A ServiceEntry of {@code host} in {@code namespace}: the namespace of the host's service. */
  static String entry(String namespace, String host) {
    return String.join("\n", "---", "apiVersion: networking.istio.io/v1", "kind: ServiceEntry",
        "metadata: {name: api, namespace: " + namespace + "}", "spec: {hosts: [" + host + "], ports: [{number: 443, "
            + "name: tls, protocol: TLS}], resolution: DNS}", "");
  }

  /** The ServiceEntry of api.example.com, in shop. */
  static final String ENTRY = entry("shop", "api.example.com");

  /** A rule for {@code host} in {@code namespace} with {@code exportTo} (unset when empty) and client TLS. */
  static String rule(String namespace, String name, String host, String exportTo, String tls) {
    return String.join("\n", "---", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: " + name + ", namespace: " + namespace + "}", "spec: {host: " + host
            + (exportTo.isEmpty() ? "" : ", exportTo: " + exportTo)
            + (tls.isEmpty() ? "" : ", trafficPolicy: {tls: " + tls + "}") + "}", "");
  }

  /** shop's rule for api.example.com, exported as given, with a CA certificate's Secret, which needs no grant. */
  private static String originate(String exportTo) {
    return rule("shop", "originate", "api.example.com", exportTo, "{mode: SIMPLE, credentialName: api-cacert}");
  }

  /** The spec with the gateways' namespaces, and the CA certificate's Secret in each of them. */
  static ClusterSpec.Builder spec(String yaml) {
    ClusterSpec.Builder spec = MeshFixtures.spec().preExistingNamespace("istio-system").preExistingNamespace("edge")
        .preExistingNamespace("team").preExistingNamespace("c").preExistingNamespace("d").yaml(yaml);
    for (String ns : List.of("shop", "istio-system", "edge", "team")) {
      spec.preExistingResource(ResourceRef.core("Secret", ns, "api-cacert"));
    }
    return spec;
  }

  /** The warning of shop/originate when gateways of {@code namespaces} use it. */
  static String reaches(String... namespaces) {
    return ruleReaches("shop/originate", "api.example.com", namespaces);
  }

  /** The warning of the rule {@code namespace/name} for {@code host} when gateways of {@code namespaces} use it. */
  static String ruleReaches(String rule, String host, String... namespaces) {
    String where = String.join(" and ", namespaces);
    String secrets = String.join(" or ", List.of(namespaces).stream().map(n -> n + "/api-cacert").toList());
    return "WARNING DestinationRule " + rule + " spec.trafficPolicy.tls.credentialName: sidecars leave out TLS "
        + "settings with a Secret credential of a DestinationRule without workloadSelector, so they connect to "
        + host + " without TLS; " + (namespaces.length == 1 ? "the gateway of the spec in " + where
        + " reads the Secret and originates TLS" : "the gateways of the spec in " + where + " read the Secret, each "
        + "in its own namespace, and originate TLS") + " — route the requests for " + host + " through the "
        + "gateway in " + String.join(" or ", namespaces) + " (a VirtualService for the mesh and its Gateway), so "
        + "that it originates TLS with Secret " + secrets;
  }

  /** The warning of a rule that no gateway of the spec uses. */
  static String noGateway(String namespace, String name, String host) {
    return "WARNING DestinationRule " + namespace + "/" + name + " spec.trafficPolicy.tls.credentialName: sidecars "
        + "leave out TLS settings with a Secret credential of a DestinationRule without workloadSelector, so they "
        + "connect to " + host + " without TLS; only gateways read the Secret, in their own namespace — add a "
        + "workloadSelector for the client workloads (the Secret api-cacert then in " + namespace + "), or, for a "
        + "CA certificate only, use configmap://" + namespace + "/<ConfigMap name>";
  }

  /**
   * The warning of shop/originate, with Secret edge/api-cacert, for the gateways of {@code namespace} that the spec
   * does not run and that would use the rule for api.example.com.
   */
  static String crossed(String namespace) {
    return ("WARNING DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: credential names Secret "
        + "edge/api-cacert, but Istio serves gateways in %1$s, which would use this rule for api.example.com, only "
        + "Secrets of their own namespace %1$s — write the credential as api-cacert (no namespace), so that each "
        + "gateway reads it in its own namespace, and add Secret %1$s/api-cacert; or narrow exportTo so that "
        + "gateways of %1$s do not use the rule").formatted(namespace);
  }

  @Test
  void theSecretIsCheckedInTheNamespaceOfEveryGatewayThatTheRulesExportToReaches() {
    String tls = "{mode: MUTUAL, credentialName: client-tls}";
    String mutual = rule("shop", "originate", "api.example.com", "", tls);
    String missing = "WARNING DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: Secret %1$s/"
        + "client-tls, where Istio reads this credential, is neither in the spec nor declared pre-existing; until it "
        + "exists, connections that need it fail — add the Secret to the spec in %1$s, or declare it with "
        + "preExistingResource";
    String denied = "WARNING DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: istiod serves "
        + "Secret %1$s/client-tls to the gateway's pods only if their ServiceAccount %1$s/gw-%1$s may list Secrets "
        + "in %1$s, and no Role or ClusterRole binding of the spec grants it; without that grant their connections "
        + "to api.example.com get no client certificate — bind ServiceAccount gw-%1$s to a Role in %1$s that "
        + "allows verb list on secrets (apiGroups [\"\"]), unless the cluster grants it otherwise";
    assertThat(problems(spec(GATEWAYS + ENTRY + mutual))).containsExactlyInAnyOrder(
        reaches("istio-system", "edge").replace("api-cacert", "client-tls"),
        missing.formatted("istio-system"), denied.formatted("istio-system"),
        missing.formatted("edge"), denied.formatted("edge"));
    // A Secret of one namespace is served to the gateways of that namespace only: the others read none, and the
    // warning names only the Secret that a gateway really reads.
    assertThat(problems(spec(GATEWAYS + ENTRY + mutual.replace("client-tls", "'kubernetes://edge/client-tls'"))
        .preExistingResource(ResourceRef.core("Secret", "edge", "client-tls")))).containsExactlyInAnyOrder(
        reaches("edge").replace("api-cacert", "client-tls"),
        "ERROR DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: credential names Secret "
            + "edge/client-tls, but Istio serves the pods of gateway Deployment istio-system/gw, which uses this rule "
            + "for api.example.com, only Secrets of their own namespace istio-system — write the credential as "
            + "client-tls (no namespace), so that each gateway reads it in its own namespace, and add Secret "
            + "istio-system/client-tls; or narrow exportTo so that gateways of istio-system do not use the rule",
        denied.formatted("edge"),
        // shop's own gateways, which the spec does not run, would use the rule too.
        crossed("shop").replace("api-cacert", "client-tls"));
  }

  @Test
  void aRuleThatNoGatewayOfTheSpecUsesWarnsOfAnotherNamespacesSecretOnlyWhereItReaches() {
    String edgeSecret = "{mode: SIMPLE, credentialName: 'kubernetes://edge/api-cacert'}";
    // Exported to edge alone: only gateways of edge may use it, and they read edge's Secret.
    assertThat(problems(spec(ENTRY + rule("shop", "originate", "api.example.com", "[edge]", edgeSecret))))
        .containsExactly(noGateway("shop", "originate", "api.example.com"));
    // Exported to team too, whose gateways would read a Secret of team, and to shop itself.
    assertThat(problems(spec(ENTRY + rule("shop", "originate", "api.example.com", "[edge, team]", edgeSecret))))
        .containsExactlyInAnyOrder(noGateway("shop", "originate", "api.example.com"), crossed("team"));
    assertThat(problems(spec(ENTRY + rule("shop", "originate", "api.example.com", "", edgeSecret))))
        .containsExactlyInAnyOrder(noGateway("shop", "originate", "api.example.com"), crossed("shop"));
  }

  @Test
  void theLookupRunsForEachServiceOfAWildcardRuleOnItsOwn() {
    String wildcard = "'*.example.com'";
    String tls = "{mode: SIMPLE, credentialName: api-cacert}";
    String entries = entry("c", "c.example.com") + entry("d", "d.example.com");
    // c's own rule wins c.example.com; d has none, so the root namespace's rule serves d.example.com to edge.
    String root = rule("istio-system", "mesh", wildcard, "", tls);
    String local = rule("c", "cwild", wildcard, "", "");
    assertThat(problems(spec(gatewayIn("edge") + entries + root + local))).containsExactly(
        ruleReaches("istio-system/mesh", "*.example.com", "edge"));
    // shop's rule wins api.example.com, whatever the order of the namespaces of the services.
    String shop = rule("shop", "originate", wildcard, "", tls);
    assertThat(problems(spec(gatewayIn("edge") + entry("c", "c.example.com") + ENTRY + local + shop)))
        .containsExactly(ruleReaches("shop/originate", "*.example.com", "edge"));
    // The spec's Services are services too: shop's rule for its Service web wins web's host over the root's.
    String services = "'*.shop.svc.cluster.local'";
    assertThat(problems(spec(gatewayIn("edge") + rule("istio-system", "mesh", services, "", tls)))).containsExactly(
        noGateway("istio-system", "mesh", "*.shop.svc.cluster.local"));
  }

  @Test
  void aConfigMapCredentialIsReadInTheRulesNamespaceByEveryProxyThatUsesTheRule() {
    // istiod serves any ConfigMap reference, cross-namespace reads being expected: one ConfigMap, in shop.
    String caMap = rule("shop", "originate", "api.example.com", "", "{mode: SIMPLE, credentialName: "
        + "'configmap://shop/api-ca'}");
    assertThat(problems(spec(GATEWAYS + ENTRY + caMap))).containsExactly(
        "WARNING DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: ConfigMap shop/api-ca, "
            + "where Istio reads this credential, is neither in the spec nor declared pre-existing; until it "
            + "exists, connections that need it fail — add the ConfigMap to the spec in shop, or declare it with "
            + "preExistingResource");
    assertThat(problems(spec(GATEWAYS + ENTRY + caMap).preExistingResource(
        ResourceRef.core("ConfigMap", "shop", "api-ca")))).isEmpty();
  }

  @Test
  void exportToDecidesWhichNamespacesGatewaysUseTheRule() {
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("['*']")))).containsExactly(
        reaches("istio-system", "edge"));
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("[edge]")))).containsExactly(reaches("edge"));
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("[edge, istio-system]")))).containsExactly(
        reaches("istio-system", "edge"));
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("['.']")))).containsExactly(
        noGateway("shop", "originate", "api.example.com"));
    // A rule exported only elsewhere is not visible in its own namespace: shop's gateway does not use it.
    assertThat(problems(spec(gatewayIn("shop") + ENTRY + originate("[edge]")))).containsExactly(
        noGateway("shop", "originate", "api.example.com"));
    assertThat(problems(spec(gatewayIn("shop") + ENTRY + originate("[shop]")))).containsExactly(reaches("shop"));
  }

  @Test
  void aRuleReachesOtherNamespacesOnlyFromTheNamespaceOfTheHostsServiceOrTheRootNamespace() {
    String elsewhere = rule("team", "originate", "api.example.com", "", "{mode: SIMPLE, credentialName: api-cacert}");
    assertThat(problems(spec(GATEWAYS + ENTRY + elsewhere))).containsExactly(
        noGateway("team", "originate", "api.example.com"));
    String service = rule("team", "originate", "web.shop.svc.cluster.local", "",
        "{mode: SIMPLE, credentialName: api-cacert}");
    assertThat(problems(spec(GATEWAYS + service))).containsExactly(
        noGateway("team", "originate", "web.shop.svc.cluster.local"));
    // Where the spec does not tell the service's namespace, the rule's own is taken for it.
    assertThat(problems(spec(GATEWAYS + originate("")))).containsExactly(reaches("istio-system", "edge"));
  }

  @Test
  void aGatewayUsesARuleOfItsOwnNamespaceForTheHostFirst() {
    String local = rule("edge", "local", "'*.example.com'", "", "");
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("") + local))).containsExactly(reaches("istio-system"));
    // In the root namespace, only a rule exported to it alone comes before the service's namespace.
    String rootPublic = rule("istio-system", "mesh", "api.example.com", "", "");
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("") + rootPublic))).containsExactly(
        reaches("istio-system", "edge"));
    String rootPrivate = rule("istio-system", "mesh", "api.example.com", "['.']", "");
    assertThat(problems(spec(GATEWAYS + ENTRY + originate("") + rootPrivate))).containsExactly(reaches("edge"));
  }

  /**
   * A rule of the host's service namespace reaches the gateways of exactly the namespaces its exportTo names: all
   * when unset or {@code *}, shop for {@code .}, and each namespace named.
   */
  @Property(tries = 25)
  void aRuleOfTheServicesNamespaceReachesTheGatewaysOfTheNamespacesItsExportToNames(
      @ForAll("namespaces") List<String> gateways, @ForAll("exportTo") List<String> exportTo) {
    String yaml = gateways.stream().map(ExportedClientCredentialsTest::gatewayIn).collect(Collectors.joining())
        + ENTRY + originate(exportTo.isEmpty() ? "" : "['" + String.join("', '", exportTo) + "']");
    List<String> reached = gateways.stream().filter(ns -> exportTo.isEmpty() || exportTo.contains("*")
        || exportTo.contains(ns) || exportTo.contains(".") && ns.equals("shop")).toList();
    assertThat(problems(spec(yaml))).containsExactly(reached.isEmpty()
        ? noGateway("shop", "originate", "api.example.com") : reaches(reached.toArray(String[]::new)));
  }

  @Provide
  Arbitrary<List<String>> namespaces() {
    return Arbitraries.of("shop", "istio-system", "edge", "team").list().uniqueElements().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<String>> exportTo() {
    return Arbitraries.of("*", ".", "shop", "istio-system", "edge", "team").list().uniqueElements().ofMaxSize(3);
  }

  /** The error of shop/originate, with the Secret of {@code secretNs}, for the spec's gateway gw of {@code ns}. */
  static String gatewayError(String secretNs, String ns, String hosts) {
    return ("ERROR DestinationRule shop/originate spec.trafficPolicy.tls.credentialName: credential names Secret "
        + "%1$s/api-cacert, but Istio serves the pods of gateway Deployment %2$s/gw, which uses this rule for %3$s, "
        + "only Secrets of their own namespace %2$s — write the credential as api-cacert (no namespace), so that "
        + "each gateway reads it in its own namespace, and add Secret %2$s/api-cacert; or narrow exportTo so that "
        + "gateways of %2$s do not use the rule").formatted(secretNs, ns, hosts);
  }

  @Test
  void aNamespaceTheRuleReachesWithoutAGatewayOfTheSpecIsWarnedBesideTheGatewaysOfTheSpec() {
    String edgeSecret = "{mode: SIMPLE, credentialName: 'kubernetes://edge/api-cacert'}";
    // The gateway of edge reads edge's Secret; gateways that team may run later would not.
    assertThat(problems(spec(gatewayIn("edge") + ENTRY + rule("shop", "originate", "api.example.com", "[edge, team]",
        edgeSecret)))).containsExactlyInAnyOrder(reaches("edge"), crossed("team"));
  }

  @Test
  void entriesThatNameNoNamespaceReachNone() {
    String edgeSecret = "{mode: SIMPLE, credentialName: 'kubernetes://edge/api-cacert'}";
    // ~ and null are refused (with the rule's exportTo), Team names no namespace: no gateway warned of for them.
    for (String exportTo : List.of("['~']", "[edge, Team]", "[null, edge]")) {
      assertThat(problems(spec(ENTRY + rule("shop", "originate", "api.example.com", exportTo, edgeSecret))))
          .as(exportTo).containsExactly(noGateway("shop", "originate", "api.example.com"));
    }
  }

  @Test
  void whenNoGatewayOfTheSpecCanReadTheSecretSidecarsAreStillWarnedOf() {
    String teamSecret = "{mode: SIMPLE, credentialName: 'kubernetes://team/api-cacert'}";
    assertThat(problems(spec(GATEWAYS + ENTRY + rule("shop", "originate", "api.example.com", "", teamSecret))))
        .containsExactlyInAnyOrder(noGateway("shop", "originate", "api.example.com"),
            gatewayError("team", "istio-system", "api.example.com"), gatewayError("team", "edge", "api.example.com"),
            crossed("shop").replace("edge/api-cacert", "team/api-cacert"));
  }

  @Test
  void theErrorNamesTheHostsAGatewayUsesAWildcardRuleFor() {
    String edgeSecret = "{mode: SIMPLE, credentialName: 'kubernetes://edge/api-cacert'}";
    String entries = entry("c", "c.example.com") + entry("d", "d.example.com") + entry("e", "e.example.com")
        + entry("f", "f.example.com");
    String mesh = rule("istio-system", "mesh", "'*.example.com'", "", edgeSecret);
    String error = gatewayError("edge", "istio-system", "%s").replace("shop/originate", "istio-system/mesh");
    assertThat(problems(spec(GATEWAYS + entry("c", "c.example.com") + entry("d", "d.example.com") + mesh)))
        .containsExactlyInAnyOrder(ruleReaches("istio-system/mesh", "*.example.com", "edge"),
            error.formatted("c.example.com and d.example.com"));
    assertThat(problems(spec(GATEWAYS + entries + mesh))).containsExactlyInAnyOrder(
        ruleReaches("istio-system/mesh", "*.example.com", "edge"),
        error.formatted("c.example.com, d.example.com, e.example.com and 1 more"));
  }
}
