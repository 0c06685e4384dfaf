package dev.shipshape.readiness;

import dev.shipshape.core.LabelSelectorMatcher;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Availability: workloads with one replica and no disruption budget, several replicas without one, budgets that
 * allow no eviction at all, and replicas that nothing spreads over nodes or zones. Deployments and StatefulSets
 * are checked (DaemonSets run one pod per node, Jobs run to completion); a HorizontalPodAutoscaler's
 * {@code minReplicas} replaces the replica count of the workload it scales.
 */
final class AvailabilityChecks {
  static final FindingRule SINGLE = Outcome.rule("single-replica-without-pdb", Severity.HIGH,
      "a workload runs one replica and no PodDisruptionBudget covers it",
      "run at least 2 replicas, spread over nodes, with a PodDisruptionBudget such as maxUnavailable: 1",
      "kube-linter:minimum-three-replicas");
  static final FindingRule NO_PDB = Outcome.rule("replicas-without-pdb", Severity.MEDIUM,
      "a workload with several replicas has no PodDisruptionBudget",
      "add a PodDisruptionBudget selecting its pods, such as maxUnavailable: 1",
      "polaris:missingPodDisruptionBudget", "kube-linter:no-pod-disruption-budget");
  static final FindingRule BLOCKING = Outcome.rule("pdb-blocks-eviction", Severity.MEDIUM,
      "a PodDisruptionBudget allows no voluntary eviction of the pods it selects",
      "allow at least one disruption: lower minAvailable below the replica count, or set maxUnavailable: 1,"
          + " and run more replicas", "polaris:pdbDisruptionsIsZero");
  static final FindingRule SPREAD = Outcome.rule("replicas-not-spread", Severity.MEDIUM,
      "a workload's replicas have no pod anti-affinity or topology spread constraint",
      "add topologySpreadConstraints over kubernetes.io/hostname (and topology.kubernetes.io/zone), or a"
          + " podAntiAffinity on the workload's labels", "polaris:topologySpreadConstraint",
      "kube-linter:no-anti-affinity");

  private AvailabilityChecks() {}

  /** One workload with its replica count and pod template. */
  private static final class Workload {
    final ResourceRef ref;
    final int replicas;
    final PodTemplateSpec template;

    Workload(ResourceRef ref, int replicas, PodTemplateSpec template) {
      this.ref = ref;
      this.replicas = replicas;
      this.template = template;
    }

    Map<String, String> labels() {
      return template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
          : template.getMetadata().getLabels();
    }
  }

  static void run(ReadinessInput input, Outcome out) {
    out.rule(SINGLE).rule(NO_PDB).rule(BLOCKING).rule(SPREAD);
    List<Workload> workloads = workloads(input);
    List<PodDisruptionBudget> budgets = new ArrayList<>();
    input.objects("policy", "PodDisruptionBudget").forEach(o -> budgets.add(Manifests.convert(o,
        PodDisruptionBudget.class)));
    // A budget selects pods of its own namespace only: each side is looked up in the other's namespace.
    Map<String, List<PodDisruptionBudget>> budgetsByNamespace = new HashMap<>();
    budgets.forEach(b -> budgetsByNamespace.computeIfAbsent(namespaceOf(b), k -> new ArrayList<>()).add(b));
    Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
    workloads.forEach(w -> workloadsByNamespace.computeIfAbsent(w.ref.namespace().orElse(null),
        k -> new ArrayList<>()).add(w));
    for (Workload w : workloads) {
      boolean budgeted = budgetsByNamespace.getOrDefault(w.ref.namespace().orElse(null), List.of()).stream()
          .anyMatch(b -> selects(b, w));
      if (w.replicas <= 1) {
        out.checked(SINGLE);
        if (!budgeted) {
          out.fail(SINGLE, w.ref, "spec.replicas", "runs " + w.replicas + " replica and no PodDisruptionBudget"
              + " covers it: a node drain, upgrade or crash takes it down until it is rescheduled");
        }
        continue;
      }
      out.checked(NO_PDB);
      if (!budgeted) {
        out.fail(NO_PDB, w.ref, null, "runs " + w.replicas + " replicas and no PodDisruptionBudget selects its"
            + " pods: a node drain may evict all of them at once");
      }
      out.checked(SPREAD);
      if (!spread(w.template.getSpec())) {
        // Without constraints, the scheduler only applies its default spreading (maxSkew 3 per node and 5 per
        // zone, ScheduleAnyway: "Pod Topology Spread Constraints", cluster-level default constraints), a
        // preference that still allows every replica on one node.
        out.fail(SPREAD, w.ref, Workloads.podSpecPath(w.ref.kind()), "runs " + w.replicas + " replicas with"
            + " no podAntiAffinity or topologySpreadConstraints: they may all land on one node and fail with it");
      }
    }
    for (PodDisruptionBudget b : budgets) {
      int pods = workloadsByNamespace.getOrDefault(namespaceOf(b), List.of()).stream()
          .filter(w -> selects(b, w)).mapToInt(w -> w.replicas).sum();
      if (pods == 0) continue;
      out.checked(BLOCKING);
      int allowed = allowedDisruptions(b, pods);
      if (allowed <= 0) {
        String field = b.getSpec().getMinAvailable() != null ? "spec.minAvailable" : "spec.maxUnavailable";
        out.fail(BLOCKING, ResourceRef.of(b), field, "allows no voluntary eviction of the " + pods
            + (pods == 1 ? " pod" : " pods") + " it selects: node drains and upgrades stop until someone deletes a"
            + " pod by hand");
      }
    }
  }

  private static List<Workload> workloads(ReadinessInput input) {
    Map<ScaleTarget, Integer> autoscaled = new HashMap<>();
    for (HasMetadata hpa : input.objects("autoscaling", "HorizontalPodAutoscaler")) {
      var spec = Manifests.toTree(hpa).path("spec");
      var target = spec.path("scaleTargetRef");
      // The first autoscaler of a workload counts, as the spec lists them.
      autoscaled.putIfAbsent(new ScaleTarget(ResourceRef.of(hpa).namespace(), target.path("kind").asText(),
          target.path("name").asText()), spec.path("minReplicas").asInt(1));
    }
    List<Workload> out = new ArrayList<>();
    for (String kind : List.of("Deployment", "StatefulSet")) {
      for (HasMetadata o : input.objects("apps", kind)) {
        ResourceRef ref = ResourceRef.of(o);
        Workloads.podTemplate(o).ifPresent(t -> out.add(new Workload(ref, replicas(o, ref, autoscaled), t)));
      }
    }
    return out;
  }

  /** What an autoscaler scales: its namespace, and the kind and name of {@code spec.scaleTargetRef}. */
  private record ScaleTarget(Optional<String> namespace, String kind, String name) {}

  /** {@code spec.replicas} (1 when unset), or the {@code minReplicas} (1 when unset) of an autoscaler of it. */
  private static int replicas(HasMetadata o, ResourceRef ref, Map<ScaleTarget, Integer> autoscaled) {
    Integer min = autoscaled.get(new ScaleTarget(ref.namespace(), ref.kind(), ref.name()));
    return min != null ? min : Manifests.toTree(o).path("spec").path("replicas").asInt(1);
  }

  private static String namespaceOf(PodDisruptionBudget b) {
    return b.getMetadata() == null ? null : b.getMetadata().getNamespace();
  }

  private static boolean selects(PodDisruptionBudget b, Workload w) {
    return b.getSpec() != null && Objects.equals(namespaceOf(b), w.ref.namespace().orElse(null))
        && LabelSelectorMatcher.of(b.getSpec().getSelector()).map(s -> s.matches(w.labels())).orElse(false);
  }

  /**
   * The disruptions a budget allows with all its pods healthy: percentages round up, for minAvailable as for
   * maxUnavailable ("Specifying a Disruption Budget for your Application").
   */
  static int allowedDisruptions(PodDisruptionBudget b, int pods) {
    IntOrString min = b.getSpec().getMinAvailable();
    IntOrString max = b.getSpec().getMaxUnavailable();
    if (min != null) return pods - count(min, pods);
    if (max != null) return count(max, pods);
    return pods;
  }

  private static int count(IntOrString value, int pods) {
    if (value.getIntVal() != null) return value.getIntVal();
    String text = value.getStrVal().trim();
    if (!text.endsWith("%")) return Integer.parseInt(text);
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (pods * percent + 99) / 100;
  }

  private static boolean spread(PodSpec spec) {
    boolean anti = spec.getAffinity() != null && spec.getAffinity().getPodAntiAffinity() != null
        && (notEmpty(spec.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
        || notEmpty(spec.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()));
    return anti || notEmpty(spec.getTopologySpreadConstraints());
  }

  private static boolean notEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
