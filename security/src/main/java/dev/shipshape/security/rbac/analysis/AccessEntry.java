package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * One line of an {@link AccessMatrix}: verbs on a resource ({@code pods/log}, {@code deployments.apps}), optionally
 * only on named objects, or on a non-resource URL.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AccessEntry {

  /** {@code resource[.group][/subresource]}; empty for a non-resource URL. */
  public abstract String resource();

  public abstract String nonResourceURL();

  public abstract List<String> resourceNames();

  /** Sorted, without duplicates. */
  public abstract List<String> verbs();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AccessEntry}s. */
  public static final class Builder extends ImmutableAccessEntry.Builder {}
}
