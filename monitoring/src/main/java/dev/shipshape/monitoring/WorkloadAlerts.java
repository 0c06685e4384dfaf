package dev.shipshape.monitoring;

import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Alerts on the spec's workloads, from kube-state-metrics and cAdvisor: Deployments, StatefulSets and DaemonSets
 * short of available replicas, containers crash-looping or OOM-killed, and containers with a CPU limit throttled
 * by the CFS quota (only containers with a limit can be throttled).
 */
final class WorkloadAlerts {
  private WorkloadAlerts() {}

  static List<Rule> rules(Monitoring m, List<HasMetadata> objects) {
    List<Rule> rules = new ArrayList<>();
    Map<String, Set<String>> deployments = byNamespace(objects, "Deployment");
    Map<String, Set<String>> statefulSets = byNamespace(objects, "StatefulSet");
    Map<String, Set<String>> daemonSets = byNamespace(objects, "DaemonSet");
    if (!deployments.isEmpty()) {
      rules.add(unavailable(m, Alert.DEPLOYMENT_UNAVAILABLE, deployments, "deployment", "kube_deployment_spec_replicas",
          "kube_deployment_status_replicas_available", "Deployment"));
    }
    if (!statefulSets.isEmpty()) {
      rules.add(unavailable(m, Alert.STATEFULSET_UNAVAILABLE, statefulSets, "statefulset",
          "kube_statefulset_replicas", "kube_statefulset_status_replicas_ready", "StatefulSet"));
    }
    if (!daemonSets.isEmpty()) {
      rules.add(unavailable(m, Alert.DAEMONSET_UNAVAILABLE, daemonSets, "daemonset",
          "kube_daemonset_status_desired_number_scheduled", "kube_daemonset_status_number_available", "DaemonSet"));
    }
    Set<String> namespaces = new TreeSet<>();
    objects.stream().filter(o -> Workloads.podTemplate(o).isPresent())
        .forEach(o -> namespaces.add(Rules.namespaceOf(o)));
    if (namespaces.isEmpty()) return rules;
    String ns = Rules.namespaces(namespaces);
    rules.add(Rules.alert(m, Alert.CONTAINER_CRASH_LOOPING,
        "max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"," + ns + "}[5m]) >= 1",
        "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is crash-looping",
        "The container keeps exiting and Kubernetes waits longer before each restart (CrashLoopBackOff).",
        "Read the logs of the previous run (kubectl logs --previous) and the pod's events; check the command,"
            + " configuration, Secrets and ConfigMaps it reads, its probes (a liveness probe that fails during"
            + " start-up kills the container) and whether its dependencies are reachable."));
    rules.add(Rules.alert(m, Alert.CONTAINER_OOM_KILLED,
        "(kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"," + ns + "} == 1)"
            + " and on (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{" + ns
            + "}[10m]) > 0)",
        "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} was OOM-killed",
        "The container used more memory than its limit and the kernel killed it; it restarted in the last 10 minutes.",
        "Compare the container's memory use with its limit; raise the limit (and the request, to keep the pod's"
            + " QoS) or fix the leak; for JVMs, size the heap below the limit (-XX:MaxRAMPercentage)."));
    Map<String, Set<String>> limited = cpuLimitedContainers(objects);
    if (!limited.isEmpty()) {
      String throttled = Rules.perNamespace(limited, "container", matchers ->
          "sum by (namespace, pod, container) (rate(container_cpu_cfs_throttled_periods_total{" + matchers
              + "}[5m])) / sum by (namespace, pod, container) (rate(container_cpu_cfs_periods_total{" + matchers
              + "}[5m]))");
      rules.add(Rules.alert(m, Alert.CPU_THROTTLED,
          "(" + throttled + ") > " + Rules.number(m.threshold(Alert.CPU_THROTTLED)),
          "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is CPU-throttled",
          "{{ $value | humanizePercentage }} of its CFS periods were throttled over 5 minutes: the CPU limit slows"
              + " it down, which shows as latency.",
          "Raise or remove the CPU limit (keep the request), or reduce the container's CPU use; check that"
              + " thread pools are sized for the limit, not for the node's cores."));
    }
    return rules;
  }

  private static Rule unavailable(Monitoring m, Alert alert, Map<String, Set<String>> names, String label,
      String desired, String available, String kind) {
    String expr = Rules.perNamespace(names, label, matchers ->
        "(" + desired + "{" + matchers + "} - " + available + "{" + matchers + "}) > "
            + Rules.number(m.threshold(alert)));
    return Rules.alert(m, alert, expr,
        kind + " {{ $labels.namespace }}/{{ $labels." + label + " }} is short of available pods",
        "{{ $value }} of its pods have not been available for " + m.forDuration(alert) + ".",
        "Describe the " + kind + " and its pods: look for Pending pods (insufficient resources, unbound claims,"
            + " node selectors), failing readiness probes, image pull errors and a stuck rollout"
            + " (kubectl rollout status).");
  }

  private static Map<String, Set<String>> byNamespace(List<HasMetadata> objects, String kind) {
    Map<String, Set<String>> names = new TreeMap<>();
    objects.stream().filter(o -> kind.equals(o.getKind()) && Workloads.runsPods(o))
        .forEach(o -> names.computeIfAbsent(Rules.namespaceOf(o), k -> new TreeSet<>())
            .add(o.getMetadata().getName()));
    return names;
  }

  private static Map<String, Set<String>> cpuLimitedContainers(List<HasMetadata> objects) {
    Map<String, Set<String>> containers = new TreeMap<>();
    for (HasMetadata o : objects) {
      Workloads.podTemplate(o).ifPresent(t -> {
        for (Container c : t.getSpec().getContainers()) {
          if (c.getResources() != null && c.getResources().getLimits() != null
              && c.getResources().getLimits().containsKey("cpu")) {
            containers.computeIfAbsent(Rules.namespaceOf(o), k -> new TreeSet<>()).add(c.getName());
          }
        }
      });
    }
    return containers;
  }
}
