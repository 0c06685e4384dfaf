package dev.shipshape.networking.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.Manifests;
import dev.shipshape.networking.Protocol;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ReachabilityAnalyzerTest {
  KubernetesClient client;

  private static final String TOPOLOGY = ""
      + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a\n"
      + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    team: b\n"
      + pod("shop", "web", "http", 8080, "TCP") + pod("shop", "api", "http", 9090, "TCP")
      + pod("ops", "web", "http", 80, "TCP") + pod("ops", "mon", "dns", 53, "UDP");

  private static String pod(String ns, String app, String portName, int port, String protocol) {
    return "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: " + app + "\n  namespace: " + ns + "\n  labels:\n"
        + "    app: " + app + "\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - name: "
        + portName + "\n      containerPort: " + port + "\n      protocol: " + protocol + "\n";
  }

  private static ReachabilityAnalyzer analyze(String policies) {
    return ReachabilityAnalyzer.of(Manifests.parse(TOPOLOGY + policies));
  }

  private static final String API_INGRESS = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
      + "metadata:\n  name: api\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n";

  /** A {@code null} in a selector, as raw YAML may write it, selects as the empty string, as the API server reads it. */
  @Test
  void aNullInASelectorIsTheEmptyString() {
    ReachabilityAnalyzer analyzer = analyze(API_INGRESS + "  ingress:\n  - from:\n    - podSelector:\n"
        + "        matchExpressions:\n        - {key: app, operator: In, values: [null, web]}\n"
        + "    - namespaceSelector:\n        matchLabels:\n          team: null\n");
    assertThat(analyzer.warnings()).isEmpty();
    assertThat(analyzer.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(analyzer.canReach("ops/web", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
  }

  @Test
  void namespaceAndPodSelectorsInOnePeerMustBothMatch() {
    ReachabilityAnalyzer and = analyze(API_INGRESS + "  ingress:\n  - from:\n    - namespaceSelector:\n"
        + "        matchLabels:\n          team: b\n      podSelector:\n        matchLabels:\n          app: mon\n");
    assertThat(and.canReach("ops/mon", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(and.canReach("ops/web", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    assertThat(and.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    ReachabilityAnalyzer or = analyze(API_INGRESS + "  ingress:\n  - from:\n    - namespaceSelector:\n"
        + "        matchLabels:\n          team: b\n    - podSelector:\n        matchLabels:\n          app: web\n");
    assertThat(or.canReach("ops/mon", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(or.canReach("ops/web", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(or.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
  }

  @Test
  void aPodOnTheHostsNetworkIsAnalyzedAsAPodWithAWarningSayingSo() {
    String agent = pod("ops", "agent", "metrics", 9100, "TCP").replace("spec:\n", "spec:\n  hostNetwork: true\n");
    ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.of(Manifests.parse(TOPOLOGY + agent));

    assertThat(analyzer.warnings()).containsExactly("ops/agent[Pod] runs on the host's network: how NetworkPolicies "
        + "treat its traffic is up to the network plugin (most see it as the node's, which pod selectors do not "
        + "match), so its answers assume pod networking");
    assertThat(analyze("").warnings()).isEmpty();
  }

  @Test
  void withoutPolicyTypesEgressIsIsolatedOnlyWhenEgressRulesExist() {
    ReachabilityAnalyzer ingressOnly = analyze(API_INGRESS + "  ingress: []\n");
    assertThat(ingressOnly.canReach("shop/api", "ops/web", 80, Protocol.TCP).allowed()).isTrue();
    assertThat(ingressOnly.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    ReachabilityAnalyzer withEgress = analyze(API_INGRESS + "  egress:\n  - ports:\n    - port: 53\n"
        + "      protocol: UDP\n");
    assertThat(withEgress.canReach("shop/api", "ops/web", 80, Protocol.TCP).allowed()).isFalse();
    assertThat(withEgress.canReach("shop/api", "ops/mon", 53, Protocol.UDP).allowed()).isTrue();
    assertThat(withEgress.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed())
        .as("ingress is isolated too, with no ingress rules").isFalse();
  }

  @Test
  void namedPortsResolvePerDestinationPodAndEndPortMakesARange() {
    ReachabilityAnalyzer named = analyze("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + "metadata:\n  name: out\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n"
        + "  policyTypes: [Egress]\n  egress:\n  - ports:\n    - port: http\n    - port: 1000\n      endPort: 1002\n"
        + "      protocol: SCTP\n");
    assertThat(named.connectivity().between(named.peer("shop/web"), named.peer("shop/api")))
        .hasToString("SCTP 1000-1002,TCP 9090");
    assertThat(named.connectivity().between(named.peer("shop/web"), named.peer("ops/web")))
        .hasToString("SCTP 1000-1002,TCP 80");
    assertThat(named.connectivity().between(named.peer("shop/web"), named.peer("ops/mon")))
        .as("mon names 'dns', not 'http'").hasToString("SCTP 1000-1002");
  }

  @Test
  void explainsAVerdictSideBySide() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - podSelector:\n"
        + "        matchLabels:\n          app: web\n    ports:\n    - port: 9090\n");
    assertThat(a.canReach("shop/web", "shop/api", 9090, Protocol.TCP).toText()).isEqualTo(""
        + "shop/web[Pod] => shop/api[Pod] TCP 9090: ALLOWED\n"
        + "  egress of shop/web[Pod]: not isolated (no NetworkPolicy selects it for this direction), all allowed\n"
        + "  ingress of shop/api[Pod]: isolated by shop/api\n"
        + "    NetworkPolicy shop/api spec.ingress[0] allows TCP 9090\n"
        + "allowed between them: TCP 9090\n");
    assertThat(a.canReach("ops/web", "shop/api", 9090, Protocol.TCP).toText()).isEqualTo(""
        + "ops/web[Pod] => shop/api[Pod] TCP 9090: DENIED\n"
        + "  egress of ops/web[Pod]: not isolated (no NetworkPolicy selects it for this direction), all allowed\n"
        + "  ingress of shop/api[Pod]: isolated by shop/api\n"
        + "    no rule of these policies matches the other end, so nothing is allowed\n"
        + "allowed between them: No Connections\n");
    assertThat(a.canReach("shop/web", "shop/api", 9091, Protocol.TCP).explanation())
        .contains("    NetworkPolicy shop/api spec.ingress[0] allows TCP 9090 (not TCP 9091)");
    assertThat(a.canReach("shop/web", "shop/api", 9090, Protocol.TCP).toJson())
        .contains("\"allowed\" : true").contains("\"field\" : \"spec.ingress[0]\"");
  }

  @Test
  void ipBlocksMatchOnlyAddressesOutsideTheCluster() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - ipBlock:\n"
        + "        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8]\n");
    assertThat(a.canReach("8.8.8.8", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(a.canReach("10.1.2.3", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    assertThat(a.canReach("shop/web", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    assertThat(a.connectivity().toText().lines()).contains(
        "0.0.0.0-9.255.255.255[External] => shop/api[Pod] : All Connections",
        "10.0.0.0-10.255.255.255[External] => ops/mon[Pod] : All Connections",
        "11.0.0.0-255.255.255.255[External] => shop/api[Pod] : All Connections")
        .doesNotContain("10.0.0.0-10.255.255.255[External] => shop/api[Pod] : All Connections");
  }

  /**
   * Each problem is one the API server (1.34) reports for the same policy, such as {@code spec.policyTypes[0]:
   * Unsupported value: "ingress"}: no cluster can hold the policy, so no answer may rest on it.
   */
  @Test
  void aPolicyTheApiServerRejectsIsLeftOutWithEveryProblem() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  policyTypes: [ingress]\n  ingress:\n  - ports:\n"
        + "    - protocol: tcp\n      port: 9090\n    - endPort: 90\n    - port: 0\n    - port: 90\n      endPort: 80\n"
        + "  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n    - podSelector:\n"
        + "        matchExpressions: [{key: app, operator: In}, {operator: Exists},"
        + " {key: tier, operator: NotIn, values: ['bad value']}]\n    - ipBlock: {cidr: 10.0.0.0/+8}\n");
    String rejected = " (the API server rejects this policy, so the analysis leaves it out)";
    assertThat(a.warnings()).containsExactly(
        "NetworkPolicy shop/api spec.ingress[0].ports[0].protocol: 'tcp' is not a protocol — write TCP, UDP or"
            + " SCTP, in capitals, or leave it out for TCP" + rejected,
        "NetworkPolicy shop/api spec.ingress[0].ports[1].endPort: endPort 90 is given without a port — add port,"
            + " the first port of the range" + rejected,
        "NetworkPolicy shop/api spec.ingress[0].ports[2].port: port 0 is outside 1-65535 — use a port from 1 to 65535"
            + rejected,
        "NetworkPolicy shop/api spec.ingress[0].ports[3].endPort: endPort 80 is below port 90 — make endPort at"
            + " least 90" + rejected,
        "NetworkPolicy shop/api spec.ingress[1].from[0]: an ipBlock cannot share a peer with selectors — make the"
            + " ipBlock a peer of its own" + rejected,
        "NetworkPolicy shop/api spec.ingress[1].from[1].podSelector.matchExpressions[0].values: is empty, but In"
            + " needs at least one value — list the values to match, or use Exists to match any value" + rejected,
        "NetworkPolicy shop/api spec.ingress[1].from[1].podSelector.matchExpressions[1].key: label key is empty —"
            + " use a label key such as 'app' or 'example.com/tier'" + rejected,
        "NetworkPolicy shop/api spec.ingress[1].from[1].podSelector.matchExpressions[2].values[0]: label value"
            + " 'bad value' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
            + " — use a label value such as 'db': at most 63 letters, digits, '-', '_' or '.'" + rejected,
        "NetworkPolicy shop/api spec.ingress[1].from[2].ipBlock.cidr: '10.0.0.0/+8' is not a CIDR — write an"
            + " address and a prefix length, such as 10.0.0.0/8 or 2001:db8::/32" + rejected,
        "NetworkPolicy shop/api spec.policyTypes[0]: 'ingress' is not a policy type — write Ingress or Egress,"
            + " with that capitalization" + rejected);
    assertThat(a.canReach("ops/web", "shop/api", 9090, Protocol.TCP).toText()).isEqualTo(""
        + "ops/web[Pod] => shop/api[Pod] TCP 9090: ALLOWED\n"
        + "  egress of ops/web[Pod]: not isolated (no NetworkPolicy selects it for this direction), all allowed\n"
        + "  ingress of shop/api[Pod]: not isolated (no NetworkPolicy selects it for this direction), all allowed\n"
        + "allowed between them: All Connections\n");
  }

  /** Named ports are checked with the API server's port-name rule, each problem on its own. */
  @Test
  void aNamedPortThatIsNoPortNameIsLeftOutWithEachProblem() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - ports:\n    - port: Metrics_Port--01-\n"
        + "    - port: '8080'\n    - port: http-metrics\n");
    String at = "NetworkPolicy shop/api spec.ingress[0].ports[";
    String fix = " — use a container port's name, such as http, or a number (the API server rejects this policy, so"
        + " the analysis leaves it out)";
    assertThat(a.warnings()).containsExactly(
        at + "0].port: port name 'Metrics_Port--01-' is 17 characters long, more than 15" + fix,
        at + "0].port: port name 'Metrics_Port--01-' may hold only lower-case letters, digits and '-'" + fix,
        at + "0].port: port name 'Metrics_Port--01-' begins or ends with '-'" + fix,
        at + "0].port: port name 'Metrics_Port--01-' has '-' twice in a row" + fix,
        at + "1].port: port name '8080' has no letter" + fix);
  }

  @Test
  void anIpv4MappedIpv6BlockIsAcceptedAsTheApiServerAcceptsIt() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - ipBlock:\n"
        + "        cidr: ::ffff:10.0.0.0/104\n");
    assertThat(a.warnings()).containsExactly("NetworkPolicy shop/api: IPv6 ipBlock ::ffff:10.0.0.0/104 is not"
        + " analyzed");
  }

  @Test
  void ipv4OctetsWithLeadingZerosAreDecimalAsTheApiServerReadsThem() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - ipBlock:\n"
        + "        cidr: 010.0.0.0/8\n        except: [010.001.0.0/16]\n");
    assertThat(a.warnings()).isEmpty();
    assertThat(a.canReach("10.2.0.1", "shop/api", 9090, Protocol.TCP).allowed()).isTrue();
    assertThat(a.canReach("10.1.0.1", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
    assertThat(a.canReach("8.0.0.1", "shop/api", 9090, Protocol.TCP).allowed()).isFalse();
  }

  /** A range that two blocks cover between them, or one block in part, is answered piece by piece. */
  @Test
  void anAddressRangeIsAnsweredPieceByPieceAsTheConnectionListDoes() {
    ReachabilityAnalyzer a = analyze("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
        + "  name: out\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n"
        + "  - to:\n    - ipBlock: {cidr: 10.0.0.0/16}\n  - to:\n    - ipBlock: {cidr: 10.1.0.0/16}\n"
        + "    ports:\n    - port: 443\n");
    assertThat(a.canReach("shop/web", "10.0.0.0/15", 443, Protocol.TCP).toText()).isEqualTo(""
        + "shop/web[Pod] => 10.0.0.0-10.0.255.255[External] TCP 443: ALLOWED\n"
        + "  egress of shop/web[Pod]: isolated by shop/out\n"
        + "    NetworkPolicy shop/out spec.egress[0] allows All Connections\n"
        + "  ingress of 10.0.0.0-10.0.255.255[External]: not isolated (no NetworkPolicy selects it for this"
        + " direction), all allowed\n"
        + "allowed between them: All Connections\n");
    assertThat(a.canReach("shop/web", "10.0.0.0/8", 80, Protocol.TCP).destination())
        .hasToString("10.0.0.0-10.0.255.255[External]");
    ReachVerdict denied = a.canReach("shop/web", "10.1.0.0/16", 80, Protocol.TCP);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.destination()).hasToString("10.1.0.0-10.1.255.255[External]");
    assertThat(a.canReach("shop/web", "10.1.0.0/16", 443, Protocol.TCP).allowed()).isTrue();
    assertThat(a.canReach("shop/web", "10.2.0.0/16", 443, Protocol.TCP).allowed()).isFalse();
  }

  @Test
  void unknownOrAmbiguousPeersAreClearErrors() {
    ReachabilityAnalyzer a = analyze("");
    assertThatThrownBy(() -> a.peer("shop/nope")).hasMessage("no workload 'shop/nope'; shop has"
        + " [shop/web[Pod], shop/api[Pod]]");
    assertThatThrownBy(() -> a.peer("nope")).hasMessage("'nope' is neither namespace/name nor an IPv4 address");

    ReachabilityAnalyzer twoKinds = analyze("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
        + "  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
        + "      labels: {app: web}\n    spec:\n      containers: [{name: c, image: i}]\n");
    assertThatThrownBy(() -> twoKinds.peer("shop/web")).hasMessage("'shop/web' is ambiguous:"
        + " [shop/web[Pod], shop/web[Deployment]]; add the kind in brackets");
    assertThat(twoKinds.peer("shop/web[Deployment]")).isEqualTo(Peer.workload("shop", "web", "Deployment"));
    assertThat(twoKinds.peer(" shop/api ")).isEqualTo(Peer.workload("shop", "api", "Pod"));
  }

  @Test
  void diffListsWhatAChangeOpensAndCloses() {
    ReachabilityAnalyzer before = analyze(API_INGRESS + "  ingress:\n  - from:\n    - podSelector:\n"
        + "        matchLabels:\n          app: web\n    ports:\n    - port: 9090\n");
    ReachabilityAnalyzer after = analyze(API_INGRESS + "  ingress:\n  - from:\n    - namespaceSelector:\n"
        + "        matchLabels:\n          team: b\n    ports:\n    - port: 9090\n    - port: 9091\n");
    ConnectivityDiff diff = before.diff(after);
    assertThat(diff.toText()).isEqualTo("Connectivity diff:\n"
        + "diff-type: added, source: ops/mon[Pod], destination: shop/api[Pod], dir1: No Connections, dir2: TCP"
        + " 9090-9091\n"
        + "diff-type: added, source: ops/web[Pod], destination: shop/api[Pod], dir1: No Connections, dir2: TCP"
        + " 9090-9091\n"
        + "diff-type: removed, source: shop/web[Pod], destination: shop/api[Pod], dir1: TCP 9090, dir2: No"
        + " Connections\n");
    assertThat(before.diff(before).isEmpty()).isTrue();
    assertThat(diff.toJson()).contains("\"diff-type\" : \"removed\"");
  }

  @Test
  void exposureShowsWhatAnyNamespaceAndTheOutsideCanReach() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - namespaceSelector: {}\n"
        + "    ports:\n    - port: 9090\n");
    ExposureReport report = a.exposure();
    assertThat(report.ingress()).filteredOn(e -> e.workload().toString().equals("shop/api[Pod]"))
        .extracting(e -> e.scope() + " : " + e.allowed())
        .containsExactly("entire-cluster : TCP 9090");
    assertThat(report.toText()).contains("shop/web[Pod] <= entire-cluster : All Connections\n")
        .contains("shop/web[Pod] <= 0.0.0.0-255.255.255.255[External] : All Connections\n");
    assertThat(report.toJson()).contains("\"scope\" : \"entire-cluster\"");
  }

  @Test
  void rendersGraphs() {
    ReachabilityAnalyzer a = analyze(API_INGRESS + "  ingress:\n  - from:\n    - podSelector:\n"
        + "        matchLabels:\n          app: web\n");
    ConnectivityReport report = a.connectivity();
    assertThat(report.render(ReportFormat.parse("dot"))).startsWith("digraph connectivity {\n")
        .contains("subgraph cluster_").contains("label=\"shop\"").contains("[label=\"All Connections\"]");
    assertThat(report.render(ReportFormat.MERMAID)).startsWith("flowchart LR\n")
        .contains("subgraph ns").contains("-->|\"All Connections\"|");
    assertThatThrownBy(() -> ReportFormat.parse("svg")).hasMessage("unknown format 'svg': use txt, json, dot or"
        + " mermaid");
  }

  @Test
  void loadSkipsWhatIsNotAManifest(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pods.yaml"), TOPOLOGY);
    Files.writeString(dir.resolve("old-output.json"), "[{\"src\": \"a\"}]");
    Files.writeString(dir.resolve("notes.txt"), "not even read");
    ReachabilityAnalyzer a = ReachabilityAnalyzer.load(dir);
    assertThat(a.workloads()).hasSize(4);
    assertThat(a.warnings()).singleElement().asString().endsWith("old-output.json, document 1 (line 1): skipped, "
        + "not a Kubernetes object — a manifest is a map with apiVersion, kind and metadata");
  }

  @Test
  void readsALiveClusterWithOneListPerKind() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
        .create();
    client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-1")
        .withNamespace("shop").addToLabels("app", "web").addNewOwnerReference().withKind("ReplicaSet")
        .withName("web-abc").withController(true).withApiVersion("apps/v1").withUid("1").endOwnerReference()
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("x").endContainer().endSpec().build())
        .create();
    client.apps().replicaSets().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.apps
        .ReplicaSetBuilder().withNewMetadata().withName("web-abc").withNamespace("shop").endMetadata().withNewSpec()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer()
        .withName("c").withImage("x").endContainer().endSpec().endTemplate().endSpec().build()).create();
    ReachabilityAnalyzer a = ReachabilityAnalyzer.fromCluster(client);
    assertThat(a.workloads()).extracting(Peer::toString).containsExactly("shop/web-abc[ReplicaSet]");
  }
}
