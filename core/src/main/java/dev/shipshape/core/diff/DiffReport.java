package dev.shipshape.core.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.step.StepDiff;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The difference between a plan and a cluster, object by object in apply order, then step by step for the plan's
 * steps that are not Kubernetes objects. Secret values never appear.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class DiffReport {

  public abstract List<ResourceDiff> resources();

  /** What each step of the plan that is not a Kubernetes object would change, in run order. */
  public abstract List<StepDiff> steps();

  public static DiffReport of(List<ResourceDiff> resources) {
    return ImmutableDiffReport.builder().addAllResources(resources).build();
  }

  /** A report of objects and steps. */
  public static DiffReport of(List<ResourceDiff> resources, List<StepDiff> steps) {
    return ImmutableDiffReport.builder().addAllResources(resources).addAllSteps(steps).build();
  }

  /** The objects that applying would create or change. */
  public List<ResourceDiff> changed() {
    return resources().stream().filter(r -> r.action() != ResourceDiff.Action.UNCHANGED)
        .collect(Collectors.toList());
  }

  /** True when an object or a step would change. */
  public boolean hasChanges() {
    return !changed().isEmpty() || steps().stream().anyMatch(s -> s.action() != ResourceDiff.Action.UNCHANGED);
  }

  /**
   * Text for people: one block per created or changed object, then the counts, then one block per step that would
   * change something.
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (ResourceDiff diff : changed()) out.append(diff).append('\n');
    out.append(count(ResourceDiff.Action.CREATE)).append(" to create, ")
        .append(count(ResourceDiff.Action.UPDATE)).append(" to update, ")
        .append(count(ResourceDiff.Action.UNCHANGED)).append(" unchanged\n");
    for (StepDiff step : steps()) {
      if (step.action() == ResourceDiff.Action.UNCHANGED) out.append("unchanged step ").append(step.step()).append('\n');
      else out.append(step).append('\n');
    }
    return out.toString();
  }

  /** The same as JSON; {@code "steps": [{"step", "description", "action", "details"}]} only when there are steps. */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode items = root.putArray("resources");
    for (ResourceDiff diff : resources()) {
      ObjectNode item = items.addObject();
      item.put("resource", diff.ref().toString());
      item.put("action", diff.action().name());
      ArrayNode changes = item.putArray("changes");
      for (FieldChange change : diff.changes()) {
        ObjectNode c = changes.addObject();
        c.put("path", change.path());
        c.put("kind", change.kind().name());
        change.before().ifPresent(v -> c.put("before", v));
        change.after().ifPresent(v -> c.put("after", v));
      }
    }
    if (steps().isEmpty()) return root;
    ArrayNode steps = root.putArray("steps");
    for (StepDiff step : steps()) {
      ArrayNode details = steps.addObject().put("step", step.step()).put("description", step.description())
          .put("action", step.action().name()).putArray("details");
      step.details().forEach(details::add);
    }
    return root;
  }

  private long count(ResourceDiff.Action action) {
    return resources().stream().filter(r -> r.action() == action).count();
  }
}
