package dev.shipshape.core.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The result of applying a plan: one {@link ResourceResult} per planned object (in apply order), then the pruned
 * ones. It says exactly what was applied, what failed and why, and what was not attempted.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ApplyReport {

  public abstract String specName();

  /** True when nothing was persisted (server-side dry run). */
  public abstract boolean dryRun();

  public abstract List<ResourceResult> results();

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

  /** Objects created, updated or pruned. */
  public int changeCount() {
    return (int) results().stream().filter(r -> r.outcome() == Outcome.CREATED || r.outcome() == Outcome.UPDATED
        || r.outcome() == Outcome.PRUNED).count();
  }

  /** True when nothing failed and nothing was left out. */
  public boolean isSuccess() {
    return results().stream().noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_ATTEMPTED);
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

  /** Text for people: failures and skips with their reasons, then one line of counts. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (ResourceResult r : results()) {
      if (r.outcome() != Outcome.UNCHANGED && r.outcome() != Outcome.WRITTEN) out.append(r).append('\n');
      for (var change : r.changes()) out.append("    ").append(change).append('\n');
    }
    out.append(dryRun() ? "Dry run of " : "Applied ").append(specName()).append(": ");
    out.append(counts().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
        .collect(Collectors.joining(", ")));
    out.append(" in ").append(elapsed().toMillis()).append(" ms");
    return out.append('\n').toString();
  }

  /** The same as JSON. */
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

    Builder elapsed(Duration elapsed);

    ApplyReport build();
  }
}
