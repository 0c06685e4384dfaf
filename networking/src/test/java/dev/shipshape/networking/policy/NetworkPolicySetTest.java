package dev.shipshape.networking.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkPolicySetTest {
  private static final String NAMESPACES = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n"
      + "    tenant: \"true\"\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\n  labels:\n"
      + "    tenant: \"true\"\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n";

  private static String deployment(String ns, String app, String portName, int port) {
    return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + app + "\n  namespace: " + ns + "\n"
        + "spec:\n  selector:\n    matchLabels:\n      app: " + app + "\n  template:\n    metadata:\n      labels:\n"
        + "        app: " + app + "\n    spec:\n      containers:\n      - name: main\n        image: " + app + ":1\n"
        + "        ports:\n        - name: " + portName + "\n          containerPort: " + port + "\n";
  }

  @Test
  void compilesIntentIntoDeterministicPolicies() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns()
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "api"))
            .from(PolicyPeer.namespace("ops").andPods("app", "prom"), PolicyPeer.cidr("10.0.0.0/8", "10.1.0.0/16"))
            .on(PolicyPort.tcp(8080), PolicyPort.range(Protocol.UDP, 9000, 9100), PolicyPort.named("metrics")));
    List<NetworkPolicy> policies = set.policiesFor("shop");
    assertThat(policies).extracting(p -> p.getMetadata().getName())
        .containsExactly("netpol-default-deny", "netpol-allow-dns", "netpol-ingress-1");
    assertThat(Manifests.toYaml(policies.get(2))).isEqualTo(""
        + "apiVersion: networking.k8s.io/v1\n"
        + "kind: NetworkPolicy\n"
        + "metadata:\n"
        + "  name: netpol-ingress-1\n"
        + "  namespace: shop\n"
        + "spec:\n"
        + "  ingress:\n"
        + "  - from:\n"
        + "    - namespaceSelector:\n"
        + "        matchLabels:\n"
        + "          kubernetes.io/metadata.name: ops\n"
        + "      podSelector:\n"
        + "        matchLabels:\n"
        + "          app: prom\n"
        + "    - ipBlock:\n"
        + "        cidr: 10.0.0.0/8\n"
        + "        except:\n"
        + "        - 10.1.0.0/16\n"
        + "    ports:\n"
        + "    - port: 8080\n"
        + "      protocol: TCP\n"
        + "    - endPort: 9100\n"
        + "      port: 9000\n"
        + "      protocol: UDP\n"
        + "    - port: metrics\n"
        + "      protocol: TCP\n"
        + "  podSelector:\n"
        + "    matchLabels:\n"
        + "      app: api\n"
        + "  policyTypes:\n"
        + "  - Ingress\n");
    assertThat(set.policiesFor("shop")).isEqualTo(policies).isNotSameAs(policies);
  }

  @Test
  void forTenantsTargetsEveryNamespaceWithTheLabels() {
    Plan plan = ClusterSpec.builder().name("t").yaml(NAMESPACES)
        .component(NetworkPolicySet.forTenants(Map.of("tenant", "true")).defaultDenyIngress()).build().plan();
    assertThat(plan.resources().stream().filter(r -> r.ref().kind().equals("NetworkPolicy"))
        .map(r -> r.ref().qualifiedName()).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("shop/netpol-default-deny-ingress", "blog/netpol-default-deny-ingress");
  }

  /** The compiled policies, analyzed: what the set says is what the cluster would do. */
  @Test
  void compiledPoliciesBehaveAsIntended() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns().allowSameNamespace()
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "web")).from(PolicyPeer.namespace("ops"))
            .on(PolicyPort.named("http")))
        .isolate(PodSelector.labelled("app", "db"), List.of(PolicyPeer.pods("app", "api")), PolicyPort.tcp(5432));
    Plan plan = ClusterSpec.builder().name("t").yaml(NAMESPACES + deployment("shop", "web", "http", 8080)
            + deployment("shop", "api", "http", 9090) + deployment("shop", "db", "pg", 5432)
            + deployment("ops", "tool", "http", 80)
            + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: coredns\n  namespace: kube-system\n  labels:\n"
            + "    k8s-app: kube-dns\nspec:\n  containers:\n  - name: dns\n    image: coredns\n")
        .component(set).build().plan();
    ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.of(plan);
    assertThat(analyzer.canReach("ops/tool", "shop/web", 8080, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("ops/tool", "shop/web", 8081, Protocol.TCP).allowed()).isFalse();
    assertThat(analyzer.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("shop/api", "shop/db", 5432, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("shop/web", "shop/db", 5432, Protocol.TCP).allowed()).isFalse();
    assertThat(analyzer.canReach("shop/db", "shop/web", 8080, Protocol.TCP).allowed()).isFalse();
    assertThat(analyzer.canReach("shop/web", "kube-system/coredns", 53, Protocol.UDP).allowed()).isTrue();
    assertThat(analyzer.canReach("shop/db", "kube-system/coredns", 53, Protocol.UDP).allowed()).isFalse();
    assertThat(analyzer.canReach("shop/web", "8.8.8.8", 443, Protocol.TCP).allowed()).isFalse();
  }

  private static SpecValidationException failure(NetworkPolicySet set) {
    return (SpecValidationException) org.assertj.core.api.Assertions.catchThrowable(
        () -> ClusterSpec.builder().name("t").yaml(NAMESPACES).component(set).build().plan());
  }

  private static List<String> errors(NetworkPolicySet set) {
    SpecValidationException e = failure(set);
    assertThat(e).as("planning must fail").isNotNull();
    return e.errors().stream().map(Problem::toString).collect(Collectors.toList());
  }

  private static NetworkPolicySet shopWith(PolicyPeer peer, PolicyPort... ports) {
    return NetworkPolicySet.forNamespaces("shop")
        .allow(TrafficRule.ingressTo(PodSelector.all()).from(peer).on(ports));
  }

  @Test
  void invalidCidrIsAnError() {
    assertThat(errors(shopWith(PolicyPeer.cidr("10.0.0/8")))).containsExactly("ERROR [netpol] NetworkPolicy.networking.k8s.io"
        + " shop/netpol-ingress-1 spec.ingress[0].from[0].ipBlock.cidr: '10.0.0/8' is not a valid CIDR — write an"
        + " address and a prefix length, such as 10.0.0.0/8 or 2001:db8::/32");
  }

  @Test
  void exceptOutsideItsCidrIsAnError() {
    assertThat(errors(shopWith(PolicyPeer.cidr("10.0.0.0/8", "192.168.0.0/16")))).containsExactly("ERROR [netpol]"
        + " NetworkPolicy.networking.k8s.io shop/netpol-ingress-1 spec.ingress[0].from[0].ipBlock.except[0]: except"
        + " '192.168.0.0/16' is outside its cidr '10.0.0.0/8' — list only ranges inside 10.0.0.0/8, or widen the"
        + " cidr");
  }

  @Test
  void exceptCoveringTheWholeCidrNeverMatches() {
    assertThat(errors(shopWith(PolicyPeer.cidr("10.0.0.0/8", "10.0.0.0/8")))).singleElement().asString()
        .contains("spec.ingress[0].from[0].ipBlock.except[0]: except '10.0.0.0/8' covers all of cidr '10.0.0.0/8',"
            + " so this peer can never match — remove the except entry, or the peer");
  }

  @Test
  void endPortWithANamedPortIsAnError() {
    assertThat(errors(shopWith(PolicyPeer.pods("a", "b"), PolicyPort.named("http").through(9000))))
        .singleElement().asString().contains("spec.ingress[0].ports[0].endPort: endPort 9000 needs a numeric port,"
            + " not the named port 'http' — give the range's first port as a number: PolicyPort.range(TCP, FIRST, ");
  }

  @Test
  void aNamedPortMustBeAKubernetesPortName() {
    assertThat(errors(shopWith(PolicyPeer.pods("a", "b"), PolicyPort.named("this-name-is-way-too-long"),
        PolicyPort.named("HTTP_Port"), PolicyPort.named("8080"), PolicyPort.named("web--api"))))
        .map(Object::toString).containsExactly(
            portName(0, "this-name-is-way-too-long", "is 25 characters long, more than 15"),
            portName(1, "HTTP_Port", "may hold only lower-case letters, digits and '-'"),
            portName(2, "8080", "has no letter"),
            portName(3, "web--api", "has '-' twice in a row"));
  }

  private static String portName(int index, String name, String problem) {
    return "ERROR [netpol] NetworkPolicy.networking.k8s.io shop/netpol-ingress-1 spec.ingress[0].ports[" + index
        + "].port: port name '" + name + "' " + problem + " — use a container port's name, such as http, or a number";
  }

  @Test
  void endPortBelowPortIsAnError() {
    assertThat(errors(shopWith(PolicyPeer.pods("a", "b"), PolicyPort.range(Protocol.TCP, 9000, 8000))))
        .singleElement().asString().contains("shop/netpol-ingress-1 spec.ingress[0].ports[0].endPort: endPort 8000"
            + " is below port 9000 — make endPort at least 9000");
  }

  @Test
  void portOutOfRangeIsAnError() {
    assertThat(errors(shopWith(PolicyPeer.pods("a", "b"), PolicyPort.tcp(70000)))).singleElement().asString()
        .contains("spec.ingress[0].ports[0].port: port 70000 is outside 1-65535 — use a port from 1 to 65535");
  }

  @Test
  void ruleOnAnIsolatedWorkloadNeverMatches() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop")
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "db")).from(PolicyPeer.pods("app", "web")))
        .isolate(PodSelector.labelled("app", "db"), List.of(PolicyPeer.pods("app", "api")));
    assertThat(errors(set)).singleElement().asString().contains("shop/netpol-ingress-1 spec.podSelector: the rule"
        + " selects pods {app=db}, which isolate(pods {app=db}) reserves, so it can never match — list the rule's"
        + " peers in the isolate(...) call instead");
  }

  @Test
  void isolationNeedsOneLabel() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop")
        .isolate(PodSelector.labelled(Map.of("app", "db", "tier", "data")), List.of());
    assertThat(errors(set)).singleElement().asString().contains("shop/netpol-isolate-db spec.podSelector:"
        + " isolate(pods {app=db, tier=data}) needs exactly one label");
  }

  @Test
  void selectedLabelsAreCheckedAsASelectorsMatchLabels() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop")
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "-web"))
            .from(PolicyPeer.namespacesLabelled(Map.of("Example.com/team", "a")).andPods(Map.of("tier", "web")),
                PolicyPeer.namespace("-shop")));
    String at = "ERROR [netpol] NetworkPolicy.networking.k8s.io shop/netpol-ingress-1 ";
    String alphanumerics = " must consist of alphanumerics, '-', '_' or '.', starting and ending with an"
        + " alphanumeric — use a label value such as 'db': at most 63 letters, digits, '-', '_' or '.'";
    assertThat(errors(set)).containsExactly(
        at + "spec.podSelector.matchLabels.app: label value '-web'" + alphanumerics,
        at + "spec.ingress[0].from[0].namespaceSelector.matchLabels[Example.com/team]: label key prefix"
            + " 'Example.com' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and"
            + " ending with a letter or digit) — use a label key such as 'app' or 'example.com/tier'",
        at + "spec.ingress[0].from[1].namespaceSelector.matchLabels[kubernetes.io/metadata.name]: label value"
            + " '-shop'" + alphanumerics);
  }

  @Test
  void everyErrorIsReportedAtOnce() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("Shop")
        .allow(TrafficRule.ingressTo(PodSelector.all()).from(PolicyPeer.cidr("nope"))
            .on(PolicyPort.range(Protocol.TCP, 5, 1)));
    assertThat(errors(set)).hasSize(3);
  }

  /** An egress rule for every pod isolates their egress as the default deny does, so the namespace stays open. */
  @Test
  void sameNamespaceStaysOpenWhenAnEgressRuleIsolatesEveryPod() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").allowDns().allowSameNamespace()
        .allow(TrafficRule.egressFrom(PodSelector.all()).to(PolicyPeer.cidr("192.0.2.0/24")).on(PolicyPort.tcp(443)));
    ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.of(ClusterSpec.builder().name("t").yaml(NAMESPACES
        + deployment("shop", "web", "http", 8080) + deployment("shop", "api", "http", 9090)).component(set).build()
        .plan());
    assertThat(analyzer.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("shop/web", "192.0.2.1", 443, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("shop/web", "198.51.100.1", 443, Protocol.TCP).allowed()).isFalse();
    assertThat(set.policiesFor("shop").get(1).getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(NetworkPolicySet.forNamespaces("shop").allowSameNamespace().policiesFor("shop").get(0).getSpec()
        .getPolicyTypes()).as("egress stays open without egress policies").containsExactly("Ingress");
  }

  @Test
  void sameNamespaceComesInIngressOnlyAndEgressOnlyForms() {
    NetworkPolicy ingressOnly = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowSameNamespaceIngress()
        .policiesFor("shop").get(1);
    assertThat(ingressOnly.getMetadata().getName()).isEqualTo("netpol-allow-same-namespace");
    assertThat(ingressOnly.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(ingressOnly.getSpec().getEgress()).isEmpty();
    NetworkPolicy egressOnly = NetworkPolicySet.forNamespaces("shop").allowSameNamespaceEgress()
        .policiesFor("shop").get(0);
    assertThat(egressOnly.getSpec().getPolicyTypes()).containsExactly("Egress");
    assertThat(egressOnly.getSpec().getIngress()).isEmpty();
    assertThat(egressOnly.getSpec().getEgress()).singleElement()
        .satisfies(rule -> assertThat(rule.getTo()).singleElement().satisfies(peer ->
            assertThat(peer.getPodSelector().getMatchLabels()).isNullOrEmpty()));
    NetworkPolicy both = NetworkPolicySet.forNamespaces("shop").allowSameNamespaceIngress()
        .allowSameNamespaceEgress().policiesFor("shop").get(0);
    assertThat(both.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
  }

  @Test
  void policiesCanBeNamedByTheirUsers() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns()
        .policyName("default-deny", "deny-everything").policyName("allow-dns", "dns")
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "web")).from(PolicyPeer.namespace("ingress"))
            .named("web-from-ingress"))
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "api")));
    assertThat(set.policiesFor("shop")).extracting(p -> p.getMetadata().getName())
        .containsExactly("deny-everything", "dns", "web-from-ingress", "netpol-ingress-2");
  }

  @Test
  void twoUnnamedSetsAreReportedWithTheFix() {
    ClusterSpec spec = ClusterSpec.builder().name("s").yaml(NAMESPACES)
        .component(NetworkPolicySet.forNamespaces("shop").defaultDenyIngress())
        .component(NetworkPolicySet.forNamespaces("shop").allowDns()).build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [netpol]: two components are named 'netpol' — give each component of the spec "
            + "its own name");
  }

  /** A rule without peers would match every peer, so an isolation without peers must have no rules at all. */
  @Test
  void isolationWithoutPeersCutsTheWorkloadOff() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").isolate(PodSelector.labelled("app", "db"),
        List.of(), PolicyPort.tcp(5432));
    assertThat(Manifests.toYaml(set.policiesFor("shop").get(0))).isEqualTo(""
        + "apiVersion: networking.k8s.io/v1\n"
        + "kind: NetworkPolicy\n"
        + "metadata:\n"
        + "  name: netpol-isolate-db\n"
        + "  namespace: shop\n"
        + "spec:\n"
        + "  podSelector:\n"
        + "    matchLabels:\n"
        + "      app: db\n"
        + "  policyTypes:\n"
        + "  - Ingress\n"
        + "  - Egress\n");
    ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.of(ClusterSpec.builder().name("t").yaml(NAMESPACES
        + deployment("shop", "db", "pg", 5432) + deployment("shop", "api", "http", 9090)).component(set).build()
        .plan());
    assertThat(analyzer.canReach("shop/api", "shop/db", 5432, Protocol.TCP).allowed()).isFalse();
    assertThat(analyzer.canReach("shop/db", "shop/api", 5432, Protocol.TCP).allowed()).isFalse();
    assertThat(analyzer.canReach("8.8.8.8", "shop/db", 5432, Protocol.TCP).allowed()).isFalse();
  }

  @Test
  void isolationLeavesTheWorkloadOutOfBroadPolicies() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").allowSameNamespace()
        .isolate(PodSelector.labelled("app", "db"), List.of(PolicyPeer.pods("app", "api")));
    NetworkPolicy same = set.policiesFor("shop").get(0);
    assertThat(same.getSpec().getPodSelector().getMatchExpressions()).singleElement()
        .satisfies(r -> assertThat(r.getKey() + " " + r.getOperator() + " " + r.getValues())
            .isEqualTo("app NotIn [db]"));
  }

  private static List<String> warnings(NetworkPolicySet set, String extraYaml) {
    Plan plan = ClusterSpec.builder().name("t").yaml(NAMESPACES + extraYaml).component(set).build().plan();
    return plan.warnings().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void namedPortThatNoTargetedContainerDeclaresIsAWarning() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop").allow(TrafficRule
        .ingressTo(PodSelector.labelled("app", "web")).on(PolicyPort.named("http", Protocol.UDP)));
    assertThat(warnings(set, deployment("shop", "web", "http", 8080))).containsExactly("WARNING [netpol]"
        + " NetworkPolicy.networking.k8s.io shop/netpol-ingress-1 spec.ingress[0].ports[0].port: named port 'http'"
        + " (UDP) is declared by no container of the 1 workload(s) selected by pods {app=web}, so it allows nothing"
        + " — name the container port 'http' with protocol UDP, or use its number");
    NetworkPolicySet declared = NetworkPolicySet.forNamespaces("shop").allow(TrafficRule
        .ingressTo(PodSelector.labelled("app", "web")).on(PolicyPort.named("http")));
    assertThat(warnings(declared, deployment("shop", "web", "http", 8080))).isEmpty();
  }

  private static String noDns(String policy) {
    return "WARNING [netpol] NetworkPolicy.networking.k8s.io shop/" + policy + " spec.policyTypes: egress is denied"
        + " and nothing allows DNS (UDP port 53), so pods cannot resolve names — add allowDns() to the set";
  }

  /** The warning names the policy that denies egress, as the set writes it. */
  @Test
  void theDnsWarningNamesThePolicyThatDeniesEgress() {
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyAll(), ""))
        .containsExactly(noDns("netpol-default-deny"));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress()
        .policyName("default-deny-egress", "deny-out"), "")).containsExactly(noDns("deny-out"));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").allowSameNamespaceEgress(), ""))
        .containsExactly(noDns("netpol-allow-same-namespace"));
  }

  /** A rule that selects pods for egress isolates their egress as a default deny would. */
  @Test
  void anEgressRuleWithoutDnsForItsPodsIsAWarning() {
    TrafficRule webToApi = TrafficRule.egressFrom(PodSelector.labelled("app", "web"))
        .to(PolicyPeer.pods("app", "api")).on(PolicyPort.tcp(8080));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").allow(webToApi), "")).containsExactly("WARNING"
        + " [netpol] NetworkPolicy.networking.k8s.io shop/netpol-egress-1 spec.policyTypes: the rule isolates the"
        + " egress of pods {app=web}, which may then reach its peers only, and nothing allows them DNS (UDP port"
        + " 53), so they cannot resolve names — add allowDns() to the set");
    TrafficRule dnsForAll = TrafficRule.egressFrom(PodSelector.all()).to(PolicyPeer.kubeDns())
        .on(PolicyPort.udp(53));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").allow(webToApi, dnsForAll), "")).isEmpty();
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").allow(webToApi).allowDns(), "")).isEmpty();
    TrafficRule everywhereButDnsOnlyForApi = TrafficRule.egressFrom(PodSelector.labelled("app", "api"))
        .to(PolicyPeer.kubeDns()).on(PolicyPort.udp(53));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").allow(webToApi, everywhereButDnsOnlyForApi), ""))
        .singleElement().asString().contains("shop/netpol-egress-1 ");
  }

  @Test
  void denyingEgressWithoutDnsIsAWarning() {
    String noDns = noDns("netpol-default-deny-egress");
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress(), "")).containsExactly(noDns);
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress().allowDns(), "")).isEmpty();
    TrafficRule tcpOnly = TrafficRule.egressFrom(PodSelector.all()).to(PolicyPeer.namespace("kube-system"))
        .on(PolicyPort.tcp(53));
    TrafficRule nodeLocalDns = TrafficRule.egressFrom(PodSelector.all()).to(PolicyPeer.cidr("169.254.20.10/32"))
        .on(PolicyPort.udp(53));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress().allow(tcpOnly), ""))
        .as("DNS asks over UDP").contains(noDns);
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress().allow(nodeLocalDns), ""))
        .as("NodeLocal DNSCache answers on a link-local address").doesNotContain(noDns);
    TrafficRule udp = TrafficRule.egressFrom(PodSelector.all()).to(PolicyPeer.namespace("kube-system"))
        .on(PolicyPort.udp(53), PolicyPort.tcp(53));
    assertThat(warnings(NetworkPolicySet.forNamespaces("shop").defaultDenyEgress().allow(udp), ""))
        .doesNotContain(noDns);
  }

  @Test
  void peerNamespaceMissingFromTheSpecIsAWarning() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop")
        .allow(TrafficRule.ingressTo(PodSelector.all()).from(PolicyPeer.namespace("monitoring")));
    assertThat(warnings(set, "")).singleElement().asString().contains("peer namespace 'monitoring' is neither"
        + " created by the spec nor declared pre-existing, so rules naming it can never match");
  }

  @Test
  void andPodsNeedsANamespacePeer() {
    assertThatThrownBy(() -> PolicyPeer.pods("a", "b").andPods("c", "d"))
        .hasMessage("andPods(...) narrows a namespace peer; pods {a=b} selects no namespaces");
  }
}
