package dev.shipshape.networking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.networking.policy.PodSelector;
import dev.shipshape.networking.policy.PolicyPeer;
import dev.shipshape.networking.policy.PolicyPort;
import dev.shipshape.networking.policy.TrafficRule;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import dev.shipshape.networking.proxy.ProxyMode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Networking components are values: changing the label maps and lists given to them after they were built, or the
 * objects read back from the plan, never changes what the spec plans.
 */
class SealedBuilderProperties {

  @Property(tries = 30)
  void changingInputsAfterBuildDoesNotChangeThePlan(@ForAll("labels") Map<String, String> labels) {
    Map<String, String> tenants = new LinkedHashMap<>(labels);
    Map<String, String> pods = new LinkedHashMap<>(labels);
    Map<String, String> peers = new LinkedHashMap<>(labels);
    List<PolicyPeer> isolatePeers = new ArrayList<>(List.of(PolicyPeer.pods(peers)));
    NetworkPolicySet shop = NetworkPolicySet.forNamespaces("shop").named("shop").defaultDenyAll().allowDns()
        .allow(TrafficRule.ingressTo(PodSelector.labelled(pods)).from(PolicyPeer.namespacesLabelled(peers)
            .andPods(peers)).on(PolicyPort.tcp(8080)))
        .isolate(PodSelector.labelled("app", "db"), isolatePeers, PolicyPort.tcp(5432));
    NetworkPolicySet tenantSet = NetworkPolicySet.forTenants(tenants).named("tenants").defaultDenyIngress();
    KubeProxyConfig proxy = KubeProxyConfig.builder().mode(ProxyMode.IPVS).clusterCidr("10.0.0.0/16").build();
    ClusterSpec spec = ClusterSpec.builder().name("prod")
        .resource(new NamespaceBuilder().withNewMetadata().withName("shop").withLabels(labels).endMetadata().build())
        .component(shop, tenantSet, proxy).build();
    String before = spec.plan().toYaml();

    tenants.put("changed", "yes");
    pods.clear();
    peers.put("changed", "yes");
    isolatePeers.clear();
    spec.plan().resources().forEach(r -> r.object().getMetadata().setName("renamed"));

    assertThat(spec.plan().toYaml()).isEqualTo(before);
  }

  @Provide
  Arbitrary<Map<String, String>> labels() {
    Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
    return Arbitraries.maps(words, words).ofMinSize(1).ofMaxSize(4);
  }
}
