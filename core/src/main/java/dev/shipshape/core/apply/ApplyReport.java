package dev.shipshape.core.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.step.StepOutcome;
import dev.shipshape.core.step.StepResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The result of applying a plan: one {@link ResourceResult} per planned object (in apply order), then the pruned
 * ones, and one {@link StepResult} per step of the plan that is not a Kubernetes object. It says exactly what was
 * applied, what failed and why, and what was not attempted.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ApplyReport {

  public abstract String specName();

  /** True when nothing was persisted (server-side dry run). */
  public abstract boolean dryRun();

  public abstract List<ResourceResult> results();

  /** The results of the plan's steps that are not Kubernetes objects, in run order. */
  public abstract List<StepResult> steps();

  public abstract Duration elapsed();

  public static Builder builder() {
    return ImmutableApplyReport.builder();
  }

  /** The results with this outcome. */
  public List<ResourceResult> withOutcome(Outcome outcome) {
    return results().stream().filter(r -> r.outcome() == outcome).collect(Collectors.toList());
  }

  public List<ResourceResult> failed() {
    return withOutcome(Outcome.FAILED);
  }

  /** Objects created, updated or pruned, and steps that created or updated what they stand for. */
  public int changeCount() {
    return (int) (results().stream().filter(r -> r.outcome() == Outcome.CREATED || r.outcome() == Outcome.UPDATED
        || r.outcome() == Outcome.PRUNED).count()
        + steps().stream().filter(s -> s.outcome() == StepOutcome.CREATED || s.outcome() == StepOutcome.UPDATED)
            .count());
  }

  /**
   * True when nothing failed and nothing was left out; a step this executor cannot run ({@link
   * StepOutcome#NOT_EXPORTABLE}) is a note, not a failure.
   */
  public boolean isSuccess() {
    return results().stream().noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_ATTEMPTED)
        && steps().stream().noneMatch(s -> s.outcome() == StepOutcome.FAILED
            || s.outcome() == StepOutcome.NOT_ATTEMPTED);
  }

  /**
   * For scripts: returns this report when the apply succeeded.
   *
   * @throws ApplyFailedException listing the failed and skipped objects otherwise
   */
  public ApplyReport throwIfFailed() {
    if (!isSuccess()) throw new ApplyFailedException(this);
    return this;
  }

  /** Counts per outcome, in {@link Outcome} order. */
  public Map<Outcome, Integer> counts() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (ResourceResult r : results()) counts.merge(r.outcome(), 1, Integer::sum);
    return counts;
  }

  /** Text for people: failures and skips with their reasons, every step's result, then one line of counts. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (ResourceResult r : results()) {
      if (r.outcome() != Outcome.UNCHANGED && r.outcome() != Outcome.WRITTEN) out.append(r).append('\n');
      for (var change : r.changes()) out.append("    ").append(change).append('\n');
    }
    for (StepResult s : steps()) out.append(s).append('\n');
    out.append(dryRun() ? "Dry run of " : "Applied ").append(specName()).append(": ");
    out.append(counts().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
        .collect(Collectors.joining(", ")));
    out.append(" in ").append(elapsed().toMillis()).append(" ms");
    return out.append('\n').toString();
  }

  /** The same as JSON; {@code "steps"} only when the plan had steps that are not Kubernetes objects. */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("spec", specName());
    root.put("dryRun", dryRun());
    root.put("success", isSuccess());
    root.put("elapsedMillis", elapsed().toMillis());
    ObjectNode counts = root.putObject("counts");
    counts().forEach((outcome, n) -> counts.put(outcome.name(), n));
    ArrayNode items = root.putArray("results");
    for (ResourceResult r : results()) {
      ObjectNode item = items.addObject();
      item.put("resource", r.ref().toString());
      item.put("outcome", r.outcome().name());
      item.put("wave", r.wave());
      item.put("attempts", r.attempts());
      r.message().ifPresent(m -> item.put("message", m));
      r.statusCode().ifPresent(c -> item.put("status", c));
    }
    if (steps().isEmpty()) return root;
    ArrayNode steps = root.putArray("steps");
    for (StepResult s : steps()) {
      ObjectNode item = steps.addObject().put("step", s.step()).put("description", s.description())
          .put("outcome", s.outcome().name()).put("wave", s.wave());
      s.message().ifPresent(m -> item.put("message", m));
    }
    return root;
  }

  /** Builds {@link ApplyReport}s. */
  public interface Builder {
    /** Starts from every attribute of {@code report}. */
    Builder from(ApplyReport report);

    Builder specName(String specName);

    Builder dryRun(boolean dryRun);

    Builder addResults(ResourceResult result);

    Builder addResults(ResourceResult... results);

    /** Replaces the results. */
    Builder results(Iterable<? extends ResourceResult> results);

    Builder addAllResults(Iterable<? extends ResourceResult> results);

    Builder addSteps(StepResult step);

    /** Replaces the step results. */
    Builder steps(Iterable<? extends StepResult> steps);

    Builder addAllSteps(Iterable<? extends StepResult> steps);

    Builder elapsed(Duration elapsed);

    ApplyReport build();
  }
}
