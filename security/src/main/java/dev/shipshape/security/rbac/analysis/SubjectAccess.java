package dev.shipshape.security.rbac.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.internal.Json;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.List;
import org.immutables.value.Value;

/** One answer to "who can…": a binding subject and the path that grants it the permission. */
@Value.Immutable
@ShipshapeStyle
public abstract class SubjectAccess {

  @Value.Parameter
  public abstract RbacSubject subject();

  @Value.Parameter
  public abstract RbacPath path();

  public static SubjectAccess of(RbacSubject subject, RbacPath path) {
    return ImmutableSubjectAccess.of(subject, path);
  }

  @Override
  public String toString() {
    return subject() + " via " + path();
  }

  /** {@code {"request": …, "subjects": [{"subject": "User alice", "path": {…}}]}}: a who-can answer for tools. */
  public static String toJson(AccessRequest request, List<SubjectAccess> subjects) {
    ObjectNode root = Json.object();
    root.put("request", request.toString());
    ArrayNode list = root.putArray("subjects");
    for (SubjectAccess s : subjects) {
      ObjectNode node = list.addObject();
      node.put("subject", s.subject().toString());
      node.set("path", Json.path(s.path()));
    }
    return Json.write(root);
  }
}
