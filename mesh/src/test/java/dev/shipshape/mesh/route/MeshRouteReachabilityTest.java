package dev.shipshape.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.mesh.MeshFixtures;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.networking.policy.PodSelector;
import dev.shipshape.networking.policy.PolicyPeer;
import dev.shipshape.networking.policy.PolicyPort;
import dev.shipshape.networking.policy.TrafficRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshRouteReachabilityTest {
  private static final String CLIENTS = String.join("\n",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: frontend, namespace: shop}", "spec:",
      "  selector: {matchLabels: {app: frontend}}", "  template:", "    metadata: {labels: {app: frontend}}",
      "    spec: {containers: [{name: fe, image: fe:1}]}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: batch, namespace: shop}", "spec:",
      "  selector: {matchLabels: {app: batch}}", "  template:", "    metadata: {labels: {app: batch}}",
      "    spec: {containers: [{name: b, image: b:1}]}", "");

  /** Only the frontend may reach v1 on 8080; v2 admits nobody; batch may send nowhere. */
  private static final NetworkPolicySet NETPOL = NetworkPolicySet.forNamespaces("shop").defaultDenyIngress()
      .allow(TrafficRule.ingressTo(PodSelector.labelled("version", "v1")).from(PolicyPeer.pods("app", "frontend"))
              .on(PolicyPort.tcp(8080)),
          TrafficRule.egressFrom(PodSelector.labelled("app", "batch")).to(PolicyPeer.kubeDns()));

  private final MeshRouter router = MeshRouter.of(MeshFixtures.spec().yaml(CLIENTS).component(NETPOL).build().plan());

  @Test
  void aPolicyThatBlocksAWeightedDestinationIsReportedWithItsName() {
    RouteResult result = router.from("shop/frontend").route("shop", "web", "/", Map.of());

    assertThat(result.client()).contains("shop/frontend[Deployment]");
    assertThat(result.destinations()).extracting(d -> d.subset() + " " + d.blocked()).containsExactly("v1 []",
        "v2 [Deployment shop/web-v2 port 8080/TCP: blocked by NetworkPolicy shop/netpol-default-deny-ingress "
            + "(ingress of shop/web-v2[Deployment])]");
    assertThat(result.blocked()).isTrue();
    assertThat(result.toText()).contains("request to web.shop.svc.cluster.local from shop/frontend[Deployment]",
        "    BLOCKED Deployment shop/web-v2 port 8080/TCP: blocked by NetworkPolicy shop/netpol-default-deny-ingress");
    assertThat(result.toJson()).contains("\"from\" : \"shop/frontend[Deployment]\"", "\"blocked\" : [ \"Deployment");
  }

  @Test
  void theClientsEgressPoliciesCountToo() {
    RouteResult result = router.from("shop/batch").route("shop", "web", "/", Map.of("x-beta", "true"));
    assertThat(result.destinations()).singleElement().satisfies(d -> assertThat(d.blocked()).containsExactly(
        "Deployment shop/web-v2 port 8080/TCP: blocked by NetworkPolicy shop/netpol-egress-1 (egress of "
            + "shop/batch[Deployment]); NetworkPolicy shop/netpol-default-deny-ingress (ingress of "
            + "shop/web-v2[Deployment])"));
  }

  @Test
  void anAllowedRouteIsNotBlockedAndWithoutClientNothingIsChecked() {
    RouteResult allowed = MeshRouter.of(MeshFixtures.spec().yaml(CLIENTS).build().plan()).from("shop/frontend")
        .route("shop", "web", "/", Map.of());
    assertThat(allowed.blocked()).isFalse();
    assertThat(allowed.toText()).doesNotContain("BLOCKED");

    RouteResult unchecked = router.route("shop", "web", "/", Map.of());
    assertThat(unchecked.blocked()).isFalse();
    assertThat(unchecked.toText()).contains("NetworkPolicies not checked: no client workload given");
  }

  @Test
  void anUnknownClientIsRejectedWithTheCandidates() {
    assertThatThrownBy(() -> router.from("shop/nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no workload 'shop/nope'").hasMessageContaining("shop/frontend[Deployment]");
  }
}
