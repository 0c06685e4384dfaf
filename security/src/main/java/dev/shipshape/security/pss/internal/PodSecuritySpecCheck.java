package dev.shipshape.security.pss.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.security.pss.PodSecurityCheck;
import dev.shipshape.security.pss.PodSecurityLevel;
import dev.shipshape.security.pss.PodSecurityViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes planning fail for every workload (a Pod, or the pod template of a Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job or CronJob) whose pods the {@code pod-security.kubernetes.io/enforce} level
 * of its Namespace in the spec would reject, whether the label comes from a security component or from the
 * Namespace's own YAML. Namespaces outside the spec are not known, so their workloads are not checked here (the
 * admission plugin's default level is {@code privileged}). One problem per workload lists every failed control, as
 * the admission message does. Discovered by the planner through {@code META-INF/services}.
 */
public final class PodSecuritySpecCheck implements SpecCheck {

  @Override
  public String name() {
    return "pod-security";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    Map<ResourceRef, List<PodSecurityViolation>> byWorkload = new LinkedHashMap<>();
    for (PodSecurityViolation v : PodSecurityCheck.forVersion(context.kubernetesVersion()).check(context.resources())) {
      byWorkload.computeIfAbsent(v.workload(), k -> new ArrayList<>()).add(v);
    }
    List<Problem> problems = new ArrayList<>();
    byWorkload.forEach((workload, violations) -> {
      PodSecurityViolation first = violations.get(0);
      String policy = first.level().label() + ":" + first.version();
      String reasons = violations.stream().map(v -> v.reason() + " (" + v.detail() + ")")
          .collect(Collectors.joining(", "));
      String namespace = workload.namespace().orElse("default");
      problems.add(Problem.error(workload, Workloads.podSpecPath(workload.kind()),
          "its pods would be rejected by namespace " + namespace + ", which enforces PodSecurity \"" + policy + "\": "
              + reasons,
          fixFor(first.level())));
    });
    return problems;
  }

  private static String fixFor(PodSecurityLevel level) {
    String lower = "or lower the namespace's pod-security.kubernetes.io/enforce label";
    return level == PodSecurityLevel.RESTRICTED
        ? "change the pod spec to meet the restricted level (Hardening.restricted returns a compliant copy of a pod"
            + " spec), " + lower
        : "remove what the baseline level forbids (host namespaces, privileged containers, added capabilities,"
            + " hostPath volumes, host ports…), " + lower;
  }
}
