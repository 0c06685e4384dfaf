package dev.shipshape.security.rbac;

import dev.shipshape.core.ShipshapeStyle;
import java.util.Optional;
import org.immutables.value.Value;

/** Who a binding grants its role to: a user, a group, or a ServiceAccount of a namespace. */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacSubject implements Comparable<RbacSubject> {
  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  /** The kinds of subject a binding can name. */
  public enum Kind {
    USER("User"),
    GROUP("Group"),
    SERVICE_ACCOUNT("ServiceAccount");

    private final String kubernetesName;

    Kind(String kubernetesName) {
      this.kubernetesName = kubernetesName;
    }

    /** {@code User}, {@code Group} or {@code ServiceAccount}, as bindings spell it. */
    public String kubernetesName() {
      return kubernetesName;
    }

    /** The kind of a binding subject's {@code kind} field. */
    public static Optional<Kind> of(String kubernetesName) {
      for (Kind k : values()) if (k.kubernetesName.equals(kubernetesName)) return Optional.of(k);
      return Optional.empty();
    }
  }

  @Value.Parameter
  public abstract Kind kind();

  @Value.Parameter
  public abstract String name();

  /** The ServiceAccount's namespace; empty for users and groups. */
  @Value.Parameter
  public abstract Optional<String> namespace();

  public static RbacSubject user(String name) {
    return ImmutableRbacSubject.of(Kind.USER, name, Optional.empty());
  }

  public static RbacSubject group(String name) {
    return ImmutableRbacSubject.of(Kind.GROUP, name, Optional.empty());
  }

  public static RbacSubject serviceAccount(String namespace, String name) {
    return ImmutableRbacSubject.of(Kind.SERVICE_ACCOUNT, name, Optional.of(namespace));
  }

  /** The subject as a fabric8 binding subject. */
  public io.fabric8.kubernetes.api.model.rbac.Subject toSubject() {
    io.fabric8.kubernetes.api.model.rbac.Subject subject = new io.fabric8.kubernetes.api.model.rbac.Subject();
    subject.setKind(kind().kubernetesName());
    subject.setName(name());
    if (kind() == Kind.SERVICE_ACCOUNT) {
      subject.setApiGroup("");
      subject.setNamespace(namespace().orElse(null));
    } else {
      subject.setApiGroup(RBAC_GROUP);
    }
    return subject;
  }

  /** {@code User alice}, {@code Group dev}, {@code ServiceAccount shop/ci}. */
  @Override
  public String toString() {
    return kind().kubernetesName() + " " + namespace().map(ns -> ns + "/").orElse("") + name();
  }

  @Override
  public int compareTo(RbacSubject o) {
    int c = kind().compareTo(o.kind());
    if (c == 0) c = namespace().orElse("").compareTo(o.namespace().orElse(""));
    return c != 0 ? c : name().compareTo(o.name());
  }
}
