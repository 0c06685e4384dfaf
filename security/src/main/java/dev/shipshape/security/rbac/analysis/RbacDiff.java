package dev.shipshape.security.rbac.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.internal.Json;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Who gains or loses what between two RBAC sets, per subject as bindings name it. A permission counts as gained
 * only when no grant of the old set already covered it ({@code *} covers everything, a ClusterRoleBinding covers
 * every namespace), and as lost only when no grant of the new set still covers it.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacDiff {

  /** Gains, then losses, each sorted by subject. */
  public abstract List<PermissionChange> changes();

  public static Builder builder() {
    return ImmutableRbacDiff.builder();
  }

  public List<PermissionChange> gained() {
    return changes().stream().filter(PermissionChange::gained).collect(Collectors.toList());
  }

  public List<PermissionChange> lost() {
    return changes().stream().filter(c -> !c.gained()).collect(Collectors.toList());
  }

  public boolean isEmpty() {
    return changes().isEmpty();
  }

  /** One line per change, {@code +} for gains and {@code -} for losses. */
  public String toText() {
    if (isEmpty()) return "no RBAC changes\n";
    StringBuilder out = new StringBuilder();
    changes().forEach(c -> out.append(c).append('\n'));
    return out.toString();
  }

  public String toJson() {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("changes");
    for (PermissionChange c : changes()) {
      ObjectNode node = list.addObject();
      node.put("change", c.gained() ? "gained" : "lost");
      node.put("subject", c.subject().toString());
      node.put("verb", c.verb());
      node.put("target", c.target());
      c.resourceName().ifPresent(n -> node.put("resourceName", n));
      node.put("scope", c.namespace().orElse("cluster-wide"));
    }
    return Json.write(root);
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link RbacDiff}s. */
  public interface Builder {
    /** Starts from every attribute of {@code diff}. */
    Builder from(RbacDiff diff);

    Builder addChanges(PermissionChange... changes);

    Builder changes(Iterable<? extends PermissionChange> changes);

    Builder addAllChanges(Iterable<? extends PermissionChange> changes);

    RbacDiff build();
  }
}
