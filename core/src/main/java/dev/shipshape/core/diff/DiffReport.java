package dev.shipshape.core.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/** The difference between a plan and a cluster, object by object, in apply order. Secret values never appear. */
@Value.Immutable
@ShipshapeStyle
public abstract class DiffReport {

  public abstract List<ResourceDiff> resources();

  public static DiffReport of(List<ResourceDiff> resources) {
    return ImmutableDiffReport.builder().addAllResources(resources).build();
  }

  /** The objects that applying would create or change. */
  public List<ResourceDiff> changed() {
    return resources().stream().filter(r -> r.action() != ResourceDiff.Action.UNCHANGED)
        .collect(Collectors.toList());
  }

  public boolean hasChanges() {
    return !changed().isEmpty();
  }

  /** Text for people: one block per created or changed object, then the counts. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (ResourceDiff diff : changed()) out.append(diff).append('\n');
    return out.append(count(ResourceDiff.Action.CREATE)).append(" to create, ")
        .append(count(ResourceDiff.Action.UPDATE)).append(" to update, ")
        .append(count(ResourceDiff.Action.UNCHANGED)).append(" unchanged\n").toString();
  }

  /** The same as JSON. */
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
    return root;
  }

  private long count(ResourceDiff.Action action) {
    return resources().stream().filter(r -> r.action() == action).count();
  }
}
