package dev.shipshape.monitoring;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Derives a {@link Monitoring} component's objects from the compiled spec, leaving out its own objects. */
final class MonitoringGenerator {
  /** The name of the generated PrometheusRule. */
  static final String RULES_NAME = "shipshape-alerts";

  private MonitoringGenerator() {}

  /** The monitors, access rules and alert rules for the spec. */
  static List<HasMetadata> generate(Monitoring m, SpecContext context) {
    List<HasMetadata> objects = inputs(m, context);
    List<ScrapeTarget> targets = ScrapeTargets.find(m, objects);
    List<HasMetadata> out = new ArrayList<>();
    for (ScrapeTarget t : targets) out.add(monitor(m, t));
    out.addAll(ScrapeAccess.rbac(m, targets));
    out.addAll(ScrapeAccess.networkPolicies(m, objects, targets));
    rules(m, objects).ifPresent(out::add);
    return out;
  }

  /** Every compiled object except those the component itself produced. */
  static List<HasMetadata> inputs(Monitoring m, SpecContext context) {
    return context.resources().stream()
        .filter(o -> !context.producerOf(ResourceRef.of(o)).map(m.name()::equals).orElse(false))
        .toList();
  }

  private static HasMetadata monitor(Monitoring m, ScrapeTarget t) {
    if (t.kind().equals("ServiceMonitor")) {
      return new ServiceMonitorBuilder()
          .withNewMetadata().withName(t.name()).withNamespace(t.namespace()).withLabels(m.selectorLabels())
              .endMetadata()
          .withNewSpec()
              .withNewSelector().withMatchLabels(t.selector()).endSelector()
              .addNewEndpoint().withPort(t.port()).endEndpoint()
          .endSpec()
          .build();
    }
    return new PodMonitorBuilder()
        .withNewMetadata().withName(t.name()).withNamespace(t.namespace()).withLabels(m.selectorLabels())
            .endMetadata()
        .withNewSpec()
            .withNewSelector().withMatchLabels(t.selector()).endSelector()
            .addNewPodMetricsEndpoint().withPort(t.port()).endPodMetricsEndpoint()
        .endSpec()
        .build();
  }

  private static Optional<PrometheusRule> rules(Monitoring m, List<HasMetadata> objects) {
    List<RuleGroup> groups = new ArrayList<>();
    group(groups, "shipshape.workloads", WorkloadAlerts.rules(m, objects));
    group(groups, "shipshape.storage", StorageAlerts.rules(m, objects));
    group(groups, "shipshape.backup", BackupAlerts.rules(m, objects));
    group(groups, "shipshape.certificates", PlatformAlerts.certificates(m, objects));
    PlatformAlerts.kubeProxyMode(objects).ifPresent(mode ->
        group(groups, "shipshape.kube-proxy", PlatformAlerts.kubeProxy(m, mode)));
    if (m.controlPlaneAlerts()) group(groups, "shipshape.control-plane", PlatformAlerts.controlPlane(m));
    if (groups.isEmpty()) return Optional.empty();
    return Optional.of(new PrometheusRuleBuilder()
        .withNewMetadata().withName(RULES_NAME).withNamespace(m.prometheusNamespace())
            .withLabels(m.selectorLabels()).endMetadata()
        .withNewSpec().withGroups(groups).endSpec()
        .build());
  }

  private static void group(List<RuleGroup> groups, String name, List<Rule> rules) {
    if (!rules.isEmpty()) groups.add(new RuleGroupBuilder().withName(name).withRules(rules).build());
  }
}
