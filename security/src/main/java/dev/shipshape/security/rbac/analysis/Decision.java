package dev.shipshape.security.rbac.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.internal.Json;
import java.util.List;
import org.immutables.value.Value;

/** The answer to "can this requester do this?", with every binding and rule that allows it. */
@Value.Immutable
@ShipshapeStyle
public abstract class Decision {

  public abstract Requester requester();

  public abstract AccessRequest request();

  /** Every path that allows the request; empty when it is denied (or allowed only as a member of system:masters). */
  public abstract List<RbacPath> allowedBy();

  /**
   * True when the requester is in {@code system:masters}: the API server allows such a request before RBAC is
   * asked, whatever the bindings.
   */
  @Value.Default
  public boolean privilegedGroup() {
    return false;
  }

  public static Builder builder() {
    return ImmutableDecision.builder();
  }

  public boolean allowed() {
    return privilegedGroup() || !allowedBy().isEmpty();
  }

  /** {@code yes} or {@code no}, as {@code kubectl auth can-i} prints it. */
  public String answer() {
    return allowed() ? "yes" : "no";
  }

  /** The answer, then one line per path that allows it (or why nothing does). */
  public String explain() {
    StringBuilder text = new StringBuilder(answer()).append(": ").append(requester()).append(allowed() ? " may " :
        " may not ").append(request()).append('\n');
    if (privilegedGroup()) {
      text.append("  allowed as a member of system:masters, which the API server authorizes before RBAC\n");
    }
    if (!allowed()) {
      text.append("  no rule of any binding that applies allows it (RBAC has no deny: a grant is needed)\n");
    }
    for (RbacPath path : allowedBy()) text.append("  allowed by ").append(path).append('\n');
    return text.toString();
  }

  public String toJson() {
    ObjectNode root = Json.object();
    root.put("allowed", allowed());
    root.put("privilegedGroup", privilegedGroup());
    root.put("user", requester().user());
    requester().groups().forEach(root.putArray("groups")::add);
    root.put("request", request().toString());
    ArrayNode paths = root.putArray("allowedBy");
    allowedBy().forEach(p -> paths.add(Json.path(p)));
    return Json.write(root);
  }

  @Override
  public String toString() {
    return explain();
  }

  /** Builds {@link Decision}s. */
  public interface Builder {
    /** Starts from every attribute of {@code decision}. */
    Builder from(Decision decision);

    Builder requester(Requester requester);

    Builder request(AccessRequest request);

    Builder addAllowedBy(RbacPath... paths);

    Builder allowedBy(Iterable<? extends RbacPath> paths);

    Builder privilegedGroup(boolean privilegedGroup);

    Decision build();
  }
}
