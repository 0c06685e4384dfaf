package dev.shipshape.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.cluster.ProviderAdvice;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.networking.proxy.KubeProxyAdvisor;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import dev.shipshape.networking.proxy.ProxyAdvice;
import dev.shipshape.networking.proxy.ServiceLoad;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * kube-proxy in iptables mode at a size where the networking module's {@link KubeProxyAdvisor} recommends nftables
 * or IPVS. The mode comes from kube-proxy's ConfigMap ({@code kube-system/kube-proxy}, {@code config.conf}, as
 * kubeadm and the networking module's {@code KubeProxyConfig} write it; an empty mode is iptables on Linux). The
 * size of a live cluster is counted from its Services and EndpointSlices; a plan's endpoints are estimated from the
 * replicas of the workloads each Service selects.
 *
 * <p>On a managed profile the provider owns kube-proxy's configuration: a spec's mode is its {@code KubeProxyConfig}
 * component's (which writes no ConfigMap there), and the finding gives the provider's setting ({@link
 * ProviderTopic#KUBE_PROXY_MODE} advice, which names the modes the provider offers) instead of the kubeadm one.
 */
final class KubeProxyCheck {
  static final FindingRule RULE = Outcome.rule("kube-proxy-mode", Severity.MEDIUM,
      "kube-proxy runs in iptables mode at a size where its rule updates and first-packet lookups slow down",
      "switch kube-proxy to the mode the advisor recommends (nftables from Kubernetes 1.33), such as"
          + " KubeProxyConfig.builder().mode(ProxyMode.NFTABLES) on kubeadm clusters, or the provider's setting");
  private static final ResourceRef CONFIG_MAP = ResourceRef.core("ConfigMap", "kube-system", "kube-proxy");

  private KubeProxyCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    out.rule(RULE);
    Optional<String> mode = mode(input);
    Optional<ProviderAdvice> provider = input.managedProfile().map(p -> p.advice(ProviderTopic.KUBE_PROXY_MODE));
    if (mode.isEmpty() && input.live()) {
      out.note(RULE.id() + " skipped: no kube-system/kube-proxy ConfigMap with config.conf (a managed cluster, or"
          + " a CNI that replaces kube-proxy), so the mode is unknown"
          + provider.map(a -> "; on " + a.profile().displayName() + ": " + a.remediation()).orElse(""));
      return;
    }
    out.checked(RULE);
    String current = mode.orElse("");
    if (!current.isEmpty() && !current.equals("iptables")) return;
    ServiceLoad load = input.live() ? KubeProxyAdvisor.measure(typed(input, "", "Service", Service.class),
        typed(input, "discovery.k8s.io", "EndpointSlice", EndpointSlice.class)) : estimate(input);
    ProxyAdvice advice = KubeProxyAdvisor.advise(load, input.version());
    if (advice.recommended().configValue().equals("iptables")) return;
    String how = mode.isEmpty() ? input.subject() + " leaves kube-proxy's mode to the cluster, iptables by default"
        : provider.isPresent() && !input.live() ? "the spec's KubeProxyConfig asks for iptables mode"
        : "kube-proxy runs in iptables mode";
    String recommended = advice.recommended().configValue();
    boolean ownConfigMap = mode.isPresent() && provider.isEmpty();
    out.fail(RULE, RULE.severity(), ownConfigMap ? CONFIG_MAP : null, ownConfigMap ? "data[config.conf].mode" : null,
        how + " with " + load.servicePorts() + " service ports and about " + load.endpoints() + " endpoints;"
            + " recommended: " + recommended + " (" + String.join("; ", advice.reasons()) + ")",
        provider.map(ProviderAdvice::remediation).orElse(RULE.remediation()));
  }

  /**
   * The configured mode ({@code ""} for the default), or empty when there is no kube-proxy ConfigMap; on a managed
   * profile, a spec's {@code KubeProxyConfig}'s mode (the mode to set on the provider's side).
   */
  private static Optional<String> mode(ReadinessInput input) {
    if (input.managedProfile().isPresent() && input.components().isPresent()) {
      Optional<String> declared = input.components().get().stream().filter(c -> c instanceof KubeProxyConfig)
          .map(c -> ((KubeProxyConfig) c).mode().configValue()).findFirst();
      if (declared.isPresent()) return declared;
    }
    return input.objects("", "ConfigMap").stream().filter(c -> ResourceRef.of(c).equals(CONFIG_MAP)).findFirst()
        .flatMap(c -> Optional.ofNullable(Manifests.toTree(c).path("data").path("config.conf").textValue()))
        .map(conf -> Manifests.parseYamlTrees(conf, "kube-proxy config.conf").stream().findFirst()
            .map(t -> t.path("mode").asText("")).orElse(""));
  }

  private static <T> List<T> typed(ReadinessInput input, String group, String kind, Class<T> type) {
    return input.objects(group, kind).stream().map(o -> Manifests.convert(o, type)).collect(Collectors.toList());
  }

  /**
   * A plan's Services with a cluster IP, their ports, and as endpoints per port the replicas of the workloads
   * whose pod labels the Service selects (a DaemonSet counts once: the plan does not know the nodes).
   */
  static ServiceLoad estimate(ReadinessInput input) {
    Map<String, List<Map.Entry<Map<String, String>, Integer>>> podsByNamespace = new HashMap<>();
    for (HasMetadata w : input.objects()) {
      Workloads.podTemplate(w).filter(t -> t.getMetadata() != null && t.getMetadata().getLabels() != null)
          .ifPresent(t -> podsByNamespace.computeIfAbsent(String.valueOf(w.getMetadata().getNamespace()),
              k -> new ArrayList<>()).add(Map.entry(t.getMetadata().getLabels(),
              Manifests.toTree(w).path("spec").path("replicas").asInt(1))));
    }
    int ports = 0;
    int endpoints = 0;
    int nodePorts = 0;
    for (HasMetadata o : input.objects("", "Service")) {
      JsonNode spec = Manifests.toTree(o).path("spec");
      String type = spec.path("type").asText("ClusterIP");
      if (type.equals("ExternalName") || spec.path("clusterIP").asText("").equals("None")) continue;
      int n = spec.path("ports").size();
      ports += n;
      if (type.equals("NodePort") || type.equals("LoadBalancer")) nodePorts += n;
      Map<String, String> selector = Manifests.convert(o, Service.class).getSpec().getSelector();
      if (selector == null || selector.isEmpty()) continue;
      int pods = podsByNamespace.getOrDefault(String.valueOf(o.getMetadata().getNamespace()), List.of()).stream()
          .filter(e -> e.getKey().entrySet().containsAll(selector.entrySet())).mapToInt(Map.Entry::getValue).sum();
      endpoints += pods * n;
    }
    return new ServiceLoad(ports, endpoints, nodePorts);
  }
}
