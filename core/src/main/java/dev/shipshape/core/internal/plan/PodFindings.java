package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.List;

/**
 * The resource problems of one Pod or pod template, as they are reported. The server takes a workload's template
 * as written and refuses each Pod its controller creates from it, so a problem that only the LimitRanges bring in
 * says so, once the template itself passes. A problem whose cause is a default its LimitRange is already reported
 * for, as the server refuses it in every container ({@link LimitRangeDefaultChecks}), is left to that report, but
 * still counts as a refusal.
 */
final class PodFindings {
  private final CompiledObject object;
  private final LimitRangeDefaults limitRanges;
  private final List<Problem> problems;
  private boolean ofTemplatePods;
  private boolean refused;

  PodFindings(CompiledObject object, LimitRangeDefaults limitRanges, List<Problem> problems) {
    this.object = object;
    this.limitRanges = limitRanges;
    this.problems = problems;
  }

  /** From now on the problems are those of the Pods created from a template, which the template itself passed. */
  void ofTemplatePods() {
    ofTemplatePods = true;
  }

  /** Whether the server refuses what was judged so far. */
  boolean refused() {
    return refused;
  }

  /** Where a fix goes: into the Pod, or into the template its Pods come from. */
  String where() {
    return object.ref.groupKind().equals("Pod") ? " in the Pod" : " in the pod template";
  }

  /** The LimitRange, to be changed in a fix, named with the component that produces it. */
  String named(ResourceRef limitRange) {
    return limitRanges.named(limitRange);
  }

  /** An error, caused by these LimitRange defaults (none when as written). */
  void error(String field, String message, String fix, List<LimitRangeDefault> causes) {
    refused = true;
    if (causes.stream().anyMatch(limitRanges::reportedOnLimitRange)) return;
    problems.add(ObjectChecks.error(object, field, ofTemplatePods ? "every Pod created from this template is"
        + " refused: " + message : message, fix));
  }
}
