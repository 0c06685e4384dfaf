package dev.shipshape.security.rbac.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything a requester may do in a namespace (or cluster-wide), like {@code kubectl auth can-i --list}, offline:
 * one entry per resource and name set, verbs merged across rules.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AccessMatrix {

  public abstract Requester requester();

  /** The namespace; empty for what applies cluster-wide. */
  public abstract Optional<String> namespace();

  /** Resource entries sorted by resource, then non-resource entries sorted by URL. */
  public abstract List<AccessEntry> entries();

  public static Builder builder() {
    return ImmutableAccessMatrix.builder();
  }

  /** The kubectl table: {@code Resources  Non-Resource URLs  Resource Names  Verbs}. */
  public String toText() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Resources", "Non-Resource URLs", "Resource Names", "Verbs"});
    for (AccessEntry e : entries()) {
      rows.add(new String[] {e.resource(), e.nonResourceURL().isEmpty() ? "[]" : "[" + e.nonResourceURL() + "]",
          e.resourceNames().toString(), e.verbs().toString()});
    }
    int[] w = new int[4];
    for (String[] row : rows) for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], row[i].length());
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(String.format(Locale.ROOT, "%-" + w[0] + "s   %-" + w[1] + "s   %-" + w[2] + "s   %s",
          row[0], row[1], row[2], row[3]).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  public String toJson() {
    ObjectNode root = Json.object();
    root.put("user", requester().user());
    requester().groups().forEach(root.putArray("groups")::add);
    root.put("namespace", namespace().orElse(""));
    ArrayNode entries = root.putArray("entries");
    for (AccessEntry e : entries()) {
      ObjectNode node = entries.addObject();
      if (!e.resource().isEmpty()) node.put("resource", e.resource());
      if (!e.nonResourceURL().isEmpty()) node.put("nonResourceURL", e.nonResourceURL());
      e.resourceNames().forEach(node.putArray("resourceNames")::add);
      e.verbs().forEach(node.putArray("verbs")::add);
    }
    return Json.write(root);
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link AccessMatrix}es. */
  public interface Builder {
    /** Starts from every attribute of {@code matrix}. */
    Builder from(AccessMatrix matrix);

    Builder requester(Requester requester);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    Builder addEntries(AccessEntry... entries);

    Builder entries(Iterable<? extends AccessEntry> entries);

    AccessMatrix build();
  }
}
