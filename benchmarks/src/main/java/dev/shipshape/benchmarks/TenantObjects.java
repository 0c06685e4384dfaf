package dev.shipshape.benchmarks;

import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchBuilder;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.api.security.v1.PeerAuthenticationBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;

/**
 * The benchmark workload's plain objects (those no SDK component writes), built with fabric8's typed builders: the
 * objects of {@code WORKLOAD.md}, in the same order and with the same fields as {@link TenantWorkloadYaml}'s text.
 */
final class TenantObjects {
  private static final String APP = "app";
  private static final String WEB = "web";

  private TenantObjects() {}

  /** The Namespace {@code velero}, the StorageClass {@code fast-retain} and Istio's mesh-wide strict mTLS. */
  static List<HasMetadata> clusterWide() {
    return List.of(
        new NamespaceBuilder().withNewMetadata().withName("velero").endMetadata().build(),
        new StorageClassBuilder().withNewMetadata().withName("fast-retain").endMetadata()
            .withProvisioner("csi.example.com").withReclaimPolicy("Retain").withAllowVolumeExpansion(true)
            .withVolumeBindingMode("WaitForFirstConsumer").build(),
        new PeerAuthenticationBuilder().withNewMetadata().withName("default").withNamespace("istio-system")
            .endMetadata().withNewSpec().withNewMtls().withMode(PeerAuthenticationMutualTLSMode.STRICT).endMtls()
            .endSpec().build());
  }

  /** The 14 plain objects of the tenant whose namespace is {@code t}. */
  static List<HasMetadata> of(String t) {
    return List.of(
        new NamespaceBuilder().withNewMetadata().withName(t).addToLabels("tenant", t)
            .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build(),
        new ResourceQuotaBuilder().withNewMetadata().withName("quota").withNamespace(t).endMetadata()
            .withNewSpec().addToHard("requests.cpu", new Quantity("4"))
            .addToHard("requests.memory", new Quantity("8Gi")).addToHard("pods", new Quantity("50")).endSpec()
            .build(),
        new LimitRangeBuilder().withNewMetadata().withName("limits").withNamespace(t).endMetadata()
            .withNewSpec().addNewLimit().withType("Container").addToDefault("cpu", new Quantity("500m"))
            .addToDefault("memory", new Quantity("512Mi")).endLimit().endSpec().build(),
        policy(t, "default-deny").withNewSpec().withNewPodSelector().endPodSelector()
            .withPolicyTypes("Ingress", "Egress").endSpec().build(),
        policy(t, "allow-dns").withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
            .addNewEgress().addToTo(new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
                .endNamespaceSelector()
                .withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector().build())
            .addToPorts(port("UDP", 53), port("TCP", 53)).endEgress().endSpec().build(),
        policy(t, "allow-same-namespace").withNewSpec().withNewPodSelector().endPodSelector()
            .withPolicyTypes("Ingress").addNewIngress()
            .addToFrom(new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build())
            .endIngress().endSpec().build(),
        policy(t, "allow-ingress-controller").withNewSpec().withNewPodSelector().addToMatchLabels(APP, WEB)
            .endPodSelector().withPolicyTypes("Ingress").addNewIngress()
            .addToFrom(new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx").endNamespaceSelector().build())
            .addToPorts(port("TCP", 8080)).endIngress().endSpec().build(),
        new ServiceAccountBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata().build(),
        deployment(t),
        new ServiceBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata()
            .withNewSpec().addToSelector(APP, WEB).addNewPort().withName("http").withPort(80)
            .withTargetPort(new IntOrString("http")).endPort().endSpec().build(),
        new PodDisruptionBudgetBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata()
            .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels(APP, WEB)
            .endSelector().endSpec().build(),
        new DestinationRuleBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata()
            .withNewSpec().withHost("web." + t + ".svc.cluster.local")
            .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
            .addNewSubset().withName("v2").addToLabels("version", "v2").endSubset().endSpec().build(),
        new VirtualServiceBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata()
            .withNewSpec().withHosts(WEB)
            .addNewHttp().addNewMatch()
                .addToHeaders("x-canary", new StringMatchBuilder().withNewStringMatchExactType("true").build())
                .endMatch()
                .addNewRoute().withNewDestination().withHost(WEB).withSubset("v2").endDestination().endRoute()
            .endHttp()
            .addNewHttp()
                .addNewRoute().withNewDestination().withHost(WEB).withSubset("v1").endDestination().withWeight(90)
                .endRoute()
                .addNewRoute().withNewDestination().withHost(WEB).withSubset("v2").endDestination().withWeight(10)
                .endRoute()
            .endHttp().endSpec().build());
  }

  private static NetworkPolicyBuilder policy(String namespace, String name) {
    return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata();
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
  }

  private static HasMetadata deployment(String t) {
    return new DeploymentBuilder().withNewMetadata().withName(WEB).withNamespace(t).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels(APP, WEB).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels(APP, WEB).endMetadata()
        .withNewSpec().withServiceAccountName(WEB)
            .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
            .endSeccompProfile().endSecurityContext()
            .addNewContainer().withName(WEB).withImage("registry.example.com/web:1.4.2")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewResources().addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi")).addToLimits("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("256Mi")).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080))
                .endHttpGet().endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080))
                .endHttpGet().endLivenessProbe()
                .withSecurityContext(new SecurityContextBuilder().withRunAsNonRoot(true)
                    .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().addToDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build())
            .endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
