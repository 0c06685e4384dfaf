package dev.shipshape.monitoring;

import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.ReachVerdict;
import dev.shipshape.networking.reach.ReachabilityAnalyzer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Prometheus needs to scrape its targets: in each target namespace, a Role to discover Services, endpoints and
 * pods (what the Prometheus Operator's service discovery lists and watches) bound to Prometheus' ServiceAccount; and
 * where the spec's NetworkPolicies would block a scrape, NetworkPolicies that allow exactly it — ingress to the
 * target's pods from the Prometheus pods, and egress from them when their own namespace denies it.
 */
final class ScrapeAccess {
  static final String ROLE = "prometheus-scrape";

  private ScrapeAccess() {}

  static List<HasMetadata> rbac(Monitoring m, List<ScrapeTarget> targets) {
    Set<String> namespaces = new LinkedHashSet<>();
    targets.forEach(t -> namespaces.add(t.namespace()));
    List<HasMetadata> out = new ArrayList<>();
    for (String ns : namespaces) {
      out.add(new RoleBuilder()
          .withNewMetadata().withName(ROLE).withNamespace(ns).withLabels(m.selectorLabels()).endMetadata()
          .addNewRule().withApiGroups("").withResources("services", "endpoints", "pods")
              .withVerbs("get", "list", "watch").endRule()
          .addNewRule().withApiGroups("discovery.k8s.io").withResources("endpointslices")
              .withVerbs("get", "list", "watch").endRule()
          .build());
      out.add(new RoleBindingBuilder()
          .withNewMetadata().withName(ROLE).withNamespace(ns).withLabels(m.selectorLabels()).endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(ROLE).endRoleRef()
          .addNewSubject().withKind("ServiceAccount").withName(m.prometheusServiceAccount())
              .withNamespace(m.prometheusNamespace()).endSubject()
          .build());
    }
    return out;
  }

  /** A stand-in for the Prometheus pods, so the analyzer can answer for traffic from them. */
  static Pod prometheusPod(Monitoring m) {
    return new PodBuilder().withNewMetadata().withName("prometheus").withNamespace(m.prometheusNamespace())
        .withLabels(m.prometheusPodLabels()).endMetadata()
        .withNewSpec().addNewContainer().withName("prometheus").withImage("prometheus").endContainer().endSpec()
        .build();
  }

  /** The analyzer of {@code objects} with the stand-in Prometheus pod added. */
  static ReachabilityAnalyzer analyzer(Monitoring m, List<HasMetadata> objects) {
    List<HasMetadata> all = new ArrayList<>(objects);
    all.add(prometheusPod(m));
    return ReachabilityAnalyzer.of(all);
  }

  /** The verdict for scraping one workload of a target on its port; empty when the port is unknown. */
  static Optional<ReachVerdict> verdict(Monitoring m, ReachabilityAnalyzer analyzer, ScrapeTarget t, String workload) {
    if (t.containerPort().isEmpty()) return Optional.empty();
    return Optional.of(analyzer.canReach(m.prometheusNamespace() + "/prometheus[Pod]", workload,
        t.containerPort().get(), Protocol.TCP));
  }

  static List<HasMetadata> networkPolicies(Monitoring m, List<HasMetadata> objects, List<ScrapeTarget> targets) {
    ReachabilityAnalyzer analyzer = analyzer(m, objects);
    List<HasMetadata> out = new ArrayList<>();
    for (ScrapeTarget t : targets) {
      for (int i = 0; i < t.workloads().size(); i++) {
        Optional<ReachVerdict> verdict = verdict(m, analyzer, t, t.workloads().get(i));
        if (verdict.isEmpty() || verdict.get().allowed()) continue;
        int port = t.containerPort().get();
        String suffix = t.workloads().size() == 1 ? t.name() : t.name() + "-" + i;
        if (!verdict.get().ingress().allowed().allows(Protocol.TCP, port)) {
          out.add(ingress(m, t.namespace(), "allow-prometheus-" + suffix, t.podLabels().get(i), port));
        }
        if (!verdict.get().egress().allowed().allows(Protocol.TCP, port)) {
          out.add(egress(m, t.namespace(), "allow-scrape-" + t.namespace() + "-" + suffix, t.podLabels().get(i),
              port));
        }
      }
    }
    return out;
  }

  private static NetworkPolicy ingress(Monitoring m, String ns, String name, Map<String, String> pods, int port) {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).withLabels(m.selectorLabels()).endMetadata()
        .withNewSpec()
            .withNewPodSelector().withMatchLabels(pods).endPodSelector()
            .withPolicyTypes("Ingress")
            .addNewIngress()
                .addNewFrom()
                    .withNewNamespaceSelector()
                        .addToMatchLabels("kubernetes.io/metadata.name", m.prometheusNamespace())
                    .endNamespaceSelector()
                    .withNewPodSelector().withMatchLabels(m.prometheusPodLabels()).endPodSelector()
                .endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
            .endIngress()
        .endSpec()
        .build();
  }

  private static NetworkPolicy egress(Monitoring m, String ns, String name, Map<String, String> pods, int port) {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(name).withNamespace(m.prometheusNamespace()).withLabels(m.selectorLabels())
            .endMetadata()
        .withNewSpec()
            .withNewPodSelector().withMatchLabels(m.prometheusPodLabels()).endPodSelector()
            .withPolicyTypes("Egress")
            .addNewEgress()
                .addNewTo()
                    .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", ns)
                    .endNamespaceSelector()
                    .withNewPodSelector().withMatchLabels(pods).endPodSelector()
                .endTo()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
            .endEgress()
        .endSpec()
        .build();
  }
}
