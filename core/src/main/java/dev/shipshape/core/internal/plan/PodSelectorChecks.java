package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;

/**
 * The label selectors of a pod spec, of a Pod or a pod template, as the API server's {@code ValidatePodSpec} checks
 * them (kubernetes {@code pkg/apis/core/validation}): the {@code labelSelector} and {@code namespaceSelector} of
 * every pod affinity and anti-affinity term, required or preferred ({@code ValidatePodAffinityTermSelector}), and
 * the {@code labelSelector} of every topology spread constraint ({@code validateTopologySpreadConstraints}).
 */
final class PodSelectorChecks {
  private PodSelectorChecks() {}

  /** The selectors of {@code pod}, which sits at {@code at} ({@code spec.template.spec} and so on). */
  static void check(CompiledObject o, String at, PodSpec pod, List<Problem> problems) {
    if (pod == null) return;
    Affinity affinity = pod.getAffinity();
    if (affinity != null && affinity.getPodAffinity() != null) {
      terms(o, at + ".affinity.podAffinity",
          affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
          affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), problems);
    }
    if (affinity != null && affinity.getPodAntiAffinity() != null) {
      terms(o, at + ".affinity.podAntiAffinity",
          affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
          affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), problems);
    }
    List<TopologySpreadConstraint> spread = pod.getTopologySpreadConstraints();
    for (int i = 0; spread != null && i < spread.size(); i++) {
      if (spread.get(i) != null) {
        SelectorChecks.selector(o, at + ".topologySpreadConstraints[" + i + "].labelSelector",
            spread.get(i).getLabelSelector(), problems);
      }
    }
  }

  private static void terms(CompiledObject o, String at, List<PodAffinityTerm> required,
      List<WeightedPodAffinityTerm> preferred, List<Problem> problems) {
    for (int i = 0; required != null && i < required.size(); i++) {
      term(o, at + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]", required.get(i), problems);
    }
    for (int i = 0; preferred != null && i < preferred.size(); i++) {
      if (preferred.get(i) != null) {
        term(o, at + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "].podAffinityTerm",
            preferred.get(i).getPodAffinityTerm(), problems);
      }
    }
  }

  private static void term(CompiledObject o, String at, PodAffinityTerm term, List<Problem> problems) {
    if (term == null) return;
    SelectorChecks.selector(o, at + ".labelSelector", term.getLabelSelector(), problems);
    SelectorChecks.selector(o, at + ".namespaceSelector", term.getNamespaceSelector(), problems);
  }
}
