package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.Optional;
import org.immutables.value.Value;

/** One permission that a subject gains or loses between two RBAC sets. */
@Value.Immutable
@ShipshapeStyle
public abstract class PermissionChange {

  public abstract RbacSubject subject();

  /** True when gained, false when lost. */
  public abstract boolean gained();

  public abstract String verb();

  /** {@code resource[.group][/subresource]} ({@code *} when granted on all), or the non-resource URL. */
  public abstract String target();

  public abstract Optional<String> resourceName();

  /** The namespace; empty when cluster-wide. */
  public abstract Optional<String> namespace();

  public static Builder builder() {
    return ImmutablePermissionChange.builder();
  }

  /** {@code + User alice: create deployments.apps in shop}. */
  @Override
  public String toString() {
    return (gained() ? "+ " : "- ") + subject() + ": " + verb() + " " + target()
        + resourceName().map(n -> " named " + n).orElse("") + namespace().map(ns -> " in " + ns)
        .orElse(" cluster-wide");
  }

  /** Builds {@link PermissionChange}s. */
  public interface Builder {
    /** Starts from every attribute of {@code change}. */
    Builder from(PermissionChange change);

    Builder subject(RbacSubject subject);

    Builder gained(boolean gained);

    Builder verb(String verb);

    Builder target(String target);

    Builder resourceName(String resourceName);

    Builder resourceName(Optional<String> resourceName);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    PermissionChange build();
  }
}
