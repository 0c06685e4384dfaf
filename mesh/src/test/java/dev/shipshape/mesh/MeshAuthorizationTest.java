package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.testing.KubernetesSchemas;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.networking.policy.PodSelector;
import dev.shipshape.networking.policy.PolicyPeer;
import dev.shipshape.networking.policy.PolicyPort;
import dev.shipshape.networking.policy.TrafficRule;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MeshAuthorizationTest {
  private static final NetworkPolicySet SHOP = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns()
      .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "web")).from(PolicyPeer.namespace("ingress"))
              .on(PolicyPort.tcp(8080)),
          TrafficRule.ingressTo(PodSelector.labelled("app", "api")).from(PolicyPeer.pods("app", "web"))
              .on(PolicyPort.named("http")),
          TrafficRule.ingressTo(PodSelector.labelled("app", "db")).from(PolicyPeer.pods("app", "api"))
              .on(PolicyPort.tcp(5432)),
          TrafficRule.ingressTo(PodSelector.all())
              .from(PolicyPeer.namespace("monitoring").andPods("app", "prometheus")).on(PolicyPort.named("http")));

  private static Plan plan(NetworkPolicySet... sets) {
    return ClusterSpec.builder().name("authz").yaml(AuthorizationFixtures.yaml()).component(sets).build().plan();
  }

  @Test
  void theShopsIntentBecomesDefaultDenyAndAllowRulesWithServiceAccountPrincipals() {
    DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(SHOP).derive(plan(SHOP));

    assertThat(derived.policies()).allSatisfy(p -> assertThat(p).isInstanceOf(AuthorizationPolicy.class))
        .extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .containsExactly("shop/netpol-default-deny", "shop/netpol-ingress-1", "shop/netpol-ingress-2",
            "shop/netpol-ingress-3", "shop/netpol-ingress-4");
    String yaml = Manifests.toYaml(derived.policies());
    assertThat(yaml).contains("name: netpol-default-deny\n  namespace: shop\nspec:\n  action: ALLOW\n---",
        "namespaces:\n        - ingress", "principals:\n        - cluster.local/ns/shop/sa/web",
        "principals:\n        - cluster.local/ns/monitoring/sa/prometheus", "ports:\n        - \"5432\"");
    assertThat(derived.limitations()).contains(
        "NetworkPolicy shop/netpol-default-deny spec.egress: egress is not expressed; AuthorizationPolicies are "
            + "enforced by the receiving workload, so the NetworkPolicy alone limits what these pods send",
        "NetworkPolicy shop/netpol-ingress-4 spec.ingress[0].ports[0]: the named port http is [8080], and "
            + "[Deployment shop/db] do not declare it; every selected workload admits [8080]");
  }

  @Test
  void derivedPoliciesConformToIstiosCrdSchema() {
    NetworkPolicySet wide = SHOP.allow(TrafficRule.ingressTo(PodSelector.labelled("app", "web"))
        .from(PolicyPeer.cidr("203.0.113.0/24", "203.0.113.8/29"), PolicyPeer.allNamespaces())
        .on(PolicyPort.range(Protocol.TCP, 8000, 8003), PolicyPort.udp(53)));
    DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(wide).derive(plan(wide));

    assertThat(KubernetesSchemas.load().validateAll(derived.policies())).isEmpty();
    String yaml = Manifests.toYaml(derived.policies());
    assertThat(yaml).contains("ipBlocks:\n        - 203.0.113.0/24\n        notIpBlocks:\n        - 203.0.113.8/29",
        "namespaces:\n        - \"*\"", "- \"8000\"\n        - \"8001\"\n        - \"8002\"\n        - \"8003\"");
    assertThat(derived.limitations()).contains("NetworkPolicy shop/netpol-ingress-5 spec.ingress[0].ports[1]: UDP "
        + "is not proxied by the mesh; the NetworkPolicy alone governs it");
  }

  @Test
  void whatCannotBeExpressedIsLeftOutAndReported() {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop", "istio-system")
        .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "db"))
                .from(PolicyPeer.pods("app", "nobody")).on(PolicyPort.tcp(5432)),
            TrafficRule.ingressTo(PodSelector.labelled("app", "db")).on(PolicyPort.range(Protocol.TCP, 1000, 2000)),
            TrafficRule.ingressTo(PodSelector.labelled("app", "db")).on(PolicyPort.named("missing")),
            TrafficRule.ingressTo(PodSelector.labelled("app", "db")).from(PolicyPeer.pods("tier", "backend")));
    String sharedSa = AuthorizationFixtures.yaml().replace("serviceAccountName: api", "serviceAccountName: web")
        .replace("{labels: {app: api}}", "{labels: {app: api, tier: backend}}");
    Plan plan = ClusterSpec.builder().name("authz").yaml(sharedSa)
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n").build().plan();

    DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(set).derive(plan);

    assertThat(derived.limitations()).containsExactly(
        "NetworkPolicy shop/netpol-ingress-1 spec.ingress[0].from[0]: the pod selector {app=nobody} matches no "
            + "workload of the spec, and pods are admitted by ServiceAccount; this source is left out",
        "NetworkPolicy shop/netpol-ingress-1 spec.ingress[0]: no source of the rule can be expressed, so the mesh "
            + "admits nothing by it",
        "NetworkPolicy shop/netpol-ingress-2 spec.ingress[0].ports[0]: the range 1000-2000 has more than 100 ports,"
            + " which Istio's ports (no ranges) cannot list; left out",
        "NetworkPolicy shop/netpol-ingress-2 spec.ingress[0]: no TCP port of the rule can be expressed, so the mesh"
            + " admits nothing by it",
        "NetworkPolicy shop/netpol-ingress-3 spec.ingress[0].ports[0]: the named port missing is declared by no "
            + "container of the selected workloads; left out",
        "NetworkPolicy shop/netpol-ingress-3 spec.ingress[0]: no TCP port of the rule can be expressed, so the mesh"
            + " admits nothing by it",
        "NetworkPolicy shop/netpol-ingress-4 spec.ingress[0].from[0]: ServiceAccount shop/web also runs "
            + "Deployment shop/web, which the NetworkPolicy does not admit but the mesh does; give Deployment "
            + "shop/api a ServiceAccount of its own",
        "NetworkPolicy istio-system/netpol-ingress-1: not translated, an AuthorizationPolicy in Istio's root "
            + "namespace istio-system would apply to the whole mesh",
        "NetworkPolicy istio-system/netpol-ingress-2: not translated, an AuthorizationPolicy in Istio's root "
            + "namespace istio-system would apply to the whole mesh",
        "NetworkPolicy istio-system/netpol-ingress-3: not translated, an AuthorizationPolicy in Istio's root "
            + "namespace istio-system would apply to the whole mesh",
        "NetworkPolicy istio-system/netpol-ingress-4: not translated, an AuthorizationPolicy in Istio's root "
            + "namespace istio-system would apply to the whole mesh");
    // Left-out rules are dropped, never turned into rules that admit everything.
    assertThat(Manifests.toYaml(derived.policies().get(0))).doesNotContain("rules");
  }

  @Test
  void theShopsMeshRulesAdmitExactlyWhatItsNetworkPoliciesAdmit() {
    assertThat(mismatches(SHOP)).isEmpty();
  }

  @Test
  void aDerivedComponentPlansWithTheSpec() {
    ClusterSpec base = ClusterSpec.builder().name("authz").yaml(AuthorizationFixtures.yaml()).component(SHOP)
        .preExistingCrd(IstioCrds.all()).build();
    DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(SHOP).derive(base);
    Plan plan = ClusterSpec.builder().from(base).component(derived.component()).build().plan();
    assertThat(plan.resources()).filteredOn(r -> r.component().equals("mesh-authorization")).hasSize(5);
  }

  /**
   * For every set of rules over these workloads (each with a ServiceAccount of its own), a connection between two
   * workloads on the destination's port, or on a port no workload declares, is admitted by the derived
   * AuthorizationPolicies exactly when the destination's NetworkPolicies admit it.
   */
  @Property(tries = 60)
  void derivedPoliciesAreEquivalentToTheIngressSideOfTheNetworkPolicies(@ForAll("sets") NetworkPolicySet set) {
    assertThat(mismatches(set)).isEmpty();
  }

  private static List<String> mismatches(NetworkPolicySet set) {
    Plan plan = plan(set);
    DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(set).derive(plan);
    IstioAuthorizationOracle mesh = new IstioAuthorizationOracle(derived.policies());
    ReachabilityAnalyzer network = ReachabilityAnalyzer.of(plan);
    List<String> mismatches = new ArrayList<>();
    for (String[] src : AuthorizationFixtures.WORKLOADS) {
      for (String[] dst : AuthorizationFixtures.WORKLOADS) {
        for (int port : new int[] {Integer.parseInt(dst[3]), 8081}) {
          boolean byNetwork = network.canReach(src[0] + "/" + src[1], dst[0] + "/" + dst[1], port, Protocol.TCP)
              .ingress().allowed().allows(Protocol.TCP, port);
          boolean byMesh = mesh.allows(dst[0], Map.of("app", dst[1]), src[0], src[1], port);
          if (byNetwork != byMesh) {
            mismatches.add(src[1] + " -> " + dst[1] + ":" + port + " network " + byNetwork + " mesh " + byMesh);
          }
        }
      }
    }
    return mismatches;
  }

  @Provide
  Arbitrary<NetworkPolicySet> sets() {
    Arbitrary<PodSelector> selectors = Arbitraries.of(PodSelector.all(), PodSelector.labelled("app", "web"),
        PodSelector.labelled("app", "api"), PodSelector.labelled("app", "db"));
    Arbitrary<PolicyPeer> peers = Arbitraries.of(PolicyPeer.pods("app", "web"), PolicyPeer.pods("app", "api"),
        PolicyPeer.pods(Map.of()), PolicyPeer.namespace("monitoring"), PolicyPeer.namespace("nowhere"),
        PolicyPeer.namespace("monitoring").andPods("app", "prometheus"), PolicyPeer.allNamespaces(),
        PolicyPeer.namespacesLabelled(Map.of("kubernetes.io/metadata.name", "ingress")),
        PolicyPeer.cidr("10.0.0.0/8"));
    Arbitrary<PolicyPort> ports = Arbitraries.of(PolicyPort.tcp(8080), PolicyPort.tcp(5432), PolicyPort.named("http"),
        PolicyPort.named("pg"), PolicyPort.range(Protocol.TCP, 8079, 8081), PolicyPort.udp(8080));
    Arbitrary<TrafficRule> rules = Combinators.combine(selectors, peers.list().ofMaxSize(2),
        ports.list().ofMaxSize(2)).as((s, p, o) -> TrafficRule.ingressTo(s).from(p.toArray(PolicyPeer[]::new))
            .on(o.toArray(PolicyPort[]::new)));
    return Combinators.combine(Arbitraries.of(true, false), rules.list().ofMaxSize(4)).as((deny, r) -> {
      NetworkPolicySet set = NetworkPolicySet.forNamespaces("shop", "monitoring")
          .allow(r.toArray(TrafficRule[]::new));
      return deny ? set.defaultDenyIngress() : set;
    });
  }
}
