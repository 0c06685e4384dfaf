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
    return ImmutableAccessEntry.builder();
  }

  /** Builds {@link AccessEntry}s. */
  public interface Builder {
    /** Starts from every attribute of {@code entry}. */
    Builder from(AccessEntry entry);

    Builder resource(String resource);

    Builder nonResourceURL(String nonResourceURL);

    Builder addResourceNames(String... resourceNames);

    Builder resourceNames(Iterable<String> resourceNames);

    Builder addVerbs(String... verbs);

    Builder verbs(Iterable<String> verbs);

    AccessEntry build();
  }
}
