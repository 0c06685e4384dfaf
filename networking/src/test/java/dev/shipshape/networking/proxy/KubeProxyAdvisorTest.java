package dev.shipshape.networking.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubeProxyAdvisorTest {
  KubernetesClient client;

  @Test
  void smallClustersKeepIptables() {
    ProxyAdvice advice = KubeProxyAdvisor.advise(new ServiceLoad(100, 300, 10), KubernetesVersion.of(1, 34));
    assertThat(advice.recommended()).isEqualTo(ProxyMode.IPTABLES);
    assertThat(advice.estimates().get(0).kernelObjects()).isEqualTo(2 * 100 + 3 * 300 + 3 * 10);
    assertThat(advice.toText()).contains("recommended: iptables");
  }

  @Test
  void largeClustersMoveToNftablesWhereItIsGa() {
    ProxyAdvice advice = KubeProxyAdvisor.advise(new ServiceLoad(5000, 50_000, 0), KubernetesVersion.of(1, 33));
    assertThat(advice.recommended()).isEqualTo(ProxyMode.NFTABLES);
    assertThat(advice.estimates()).extracting(ModeEstimate::firstPacketLookups).containsExactly(2500L, 1L, 1L);
    assertThat(advice.toJson()).contains("\"recommended\" : \"nftables\"");
  }

  @Test
  void largeClustersBeforeNftablesWentGaGetIpvsWithTheDeprecationNote() {
    ProxyAdvice advice = KubeProxyAdvisor.advise(new ServiceLoad(5000, 50_000, 0), KubernetesVersion.of(1, 31));
    assertThat(advice.recommended()).isEqualTo(ProxyMode.IPVS);
    assertThat(advice.reasons()).anySatisfy(r -> assertThat(r).contains("deprecated from 1.35"));
  }

  /** More endpoints never make iptables cheaper, and IPVS never needs more kernel objects than iptables rules. */
  @Property
  void estimatesGrowWithLoad(@ForAll @IntRange(max = 20_000) int ports, @ForAll @IntRange(max = 200_000) int endpoints) {
    ProxyAdvice a = KubeProxyAdvisor.advise(new ServiceLoad(ports, endpoints, 0), KubernetesVersion.of(1, 35));
    ProxyAdvice b = KubeProxyAdvisor.advise(new ServiceLoad(ports, endpoints + 1, 0), KubernetesVersion.of(1, 35));
    assertThat(b.estimates().get(0).kernelObjects()).isGreaterThan(a.estimates().get(0).kernelObjects());
    assertThat(a.estimates().get(1).kernelObjects()).isLessThanOrEqualTo(a.estimates().get(0).kernelObjects());
  }

  @Test
  void measuresALiveCluster() {
    client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
        .withNamespace("shop").endMetadata().withNewSpec().withType("NodePort").withClusterIP("10.0.0.10")
        .addNewPort().withPort(80).endPort().addNewPort().withPort(443).endPort().endSpec().build()).create();
    client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("db")
        .withNamespace("shop").endMetadata().withNewSpec().withClusterIP("None").addNewPort().withPort(5432)
        .endPort().endSpec().build()).create();
    client.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder()
        .withNewMetadata().withName("web-abc").withNamespace("shop").addToLabels("kubernetes.io/service-name", "web")
        .endMetadata().withAddressType("IPv4")
        .addNewEndpoint().withAddresses("10.1.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
        .addNewEndpoint().withAddresses("10.1.0.2").withNewConditions().withReady(false).endConditions().endEndpoint()
        .addNewPort().withPort(8080).endPort().addNewPort().withPort(8443).endPort().build()).create();
    client.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder()
        .withNewMetadata().withName("db-abc").withNamespace("shop").addToLabels("kubernetes.io/service-name", "db")
        .endMetadata().withAddressType("IPv4").addNewEndpoint().withAddresses("10.1.0.3").endEndpoint()
        .addNewPort().withPort(5432).endPort().build()).create();
    assertThat(KubeProxyAdvisor.measure(client)).isEqualTo(new ServiceLoad(2, 2, 2));
  }
}
