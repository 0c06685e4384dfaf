package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.RbacSubject;
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
}
