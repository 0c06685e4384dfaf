package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.internal.plan.LimitRangeDefaultChecks.Refusal;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resource problems of one Pod or pod template, as they are reported. The server takes a workload's template
 * as written and refuses each Pod its controller creates from it, so a problem that only the LimitRanges bring in
 * says so, once the template itself passes. The refusal of a default that its LimitRange is already reported for
 * ({@link LimitRangeDefaultChecks}) is left to that report, but still counts as one; any other problem the default
 * causes, such as a LimitRanger bound it breaks, is the Pod's.
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

  /** An error of the Pod, or of the Pods of the template. */
  void error(String field, String message, String fix) {
    refused = true;
    problems.add(ObjectChecks.error(object, field, ofTemplatePods ? "every Pod created from this template is"
        + " refused: " + message : message, fix));
  }

  /**
   * An error for this reason, caused by these LimitRange defaults (none when as written): left to the report on the
   * LimitRange when one of them is reported there for the same reason.
   */
  void error(Refusal refusal, String field, String message, String fix, List<LimitRangeDefault> causes) {
    if (causes.stream().anyMatch(d -> limitRanges.reportedOnLimitRange(d, refusal))) {
      refused = true;
    } else {
      error(field, message, fix);
    }
  }

  /**
   * Whether a container that takes these defaults is refused for an amount the server refuses in every container,
   * as reported on its LimitRange; if so, so is the Pod, and the container has nothing more to report.
   */
  boolean refusedForAmount(DefaultedResources defaulted) {
    boolean amount = Stream.concat(defaulted.filledRequests().values().stream(),
        defaulted.filledLimits().values().stream()).anyMatch(d -> limitRanges.reportedOnLimitRange(d, Refusal.AMOUNT));
    refused |= amount;
    return amount;
  }
}
