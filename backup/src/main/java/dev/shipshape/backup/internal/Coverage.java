package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds namespaces that hold persistent volume claims (their own, or a StatefulSet's {@code volumeClaimTemplates})
 * that no active Schedule backs up. Data is what a spec cannot recreate.
 */
public final class Coverage {
  private static final String PVCS = "persistentvolumeclaims";

  private Coverage() {}

  static void check(SpecContext context, List<Problem> problems) {
    uncovered(context.resources("", "PersistentVolumeClaim"), context.resources("apps", "StatefulSet"),
        context.resources("velero.io", "Schedule"), context::namespaceInSpec).forEach((ns, claims) ->
        problems.add(Problem.builder().severity(ProblemSeverity.WARNING).resource(namespace(ns))
            .message(message(claims)).fix(fix(ns)).build()));
  }

  /**
   * The claims of each namespace (among those {@code inScope} accepts) that no active schedule covers, in the
   * order the claims come: {@code data}, or {@code pgdata of StatefulSet pg} for a claim template.
   */
  public static Map<String, List<String>> uncovered(Collection<? extends HasMetadata> claims,
      Collection<? extends HasMetadata> statefulSets, Collection<? extends HasMetadata> schedules,
      Predicate<String> inScope) {
    Map<String, List<String>> claimsByNamespace = new LinkedHashMap<>();
    for (HasMetadata pvc : claims) {
      ResourceRef ref = ResourceRef.of(pvc);
      ref.namespace().ifPresent(ns -> claimsByNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(ref.name()));
    }
    for (HasMetadata object : statefulSets) {
      StatefulSet set = Typed.as(object, StatefulSet.class);
      ResourceRef ref = ResourceRef.of(object);
      if (set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null) continue;
      set.getSpec().getVolumeClaimTemplates().forEach(t -> ref.namespace().ifPresent(ns -> claimsByNamespace
          .computeIfAbsent(ns, k -> new ArrayList<>())
          .add(t.getMetadata().getName() + " of StatefulSet " + ref.name())));
    }
    // The namespace selections of the active schedules that take claims.
    SelectionIndex<NamespaceSelection> active = new SelectionIndex<>();
    schedules.stream()
        .flatMap(o -> Typed.readable(o, Schedule.class).stream())
        .filter(s -> s.getSpec() != null && !Boolean.TRUE.equals(s.getSpec().paused()))
        .map(s -> s.getSpec().template() == null ? emptyTemplate() : s.getSpec().template())
        .filter(Coverage::takesClaims)
        .map(t -> NamespaceSelection.of(t.includedNamespaces(), t.excludedNamespaces()))
        .forEach(selection -> active.add(selection, selection));
    Map<String, List<String>> uncovered = new LinkedHashMap<>();
    claimsByNamespace.forEach((ns, names) -> {
      if (!inScope.test(ns)) return;
      boolean covered = active.naming(ns).stream().anyMatch(s -> s.covers(ns))
          || active.broad().stream().anyMatch(s -> s.covers(ns));
      if (!covered) uncovered.put(ns, names);
    });
    return uncovered;
  }

  /** The Namespace a coverage problem is about. */
  public static ResourceRef namespace(String ns) {
    return ResourceRef.core("Namespace", null, ns);
  }

  /** What is wrong with a namespace whose {@code claims} no schedule covers. */
  public static String message(List<String> claims) {
    return "has persistent volume claims (" + String.join(", ", claims) + ") that no active Velero schedule"
        + " backs up";
  }

  /** How to cover namespace {@code ns}. */
  public static String fix(String ns) {
    return "add the namespace to a schedule, such as VeleroSchedule.daily(\"" + ns + "-daily\").namespaces(\""
        + ns + "\")";
  }

  /** Whether the template's resource filters take persistent volume claims. */
  private static boolean takesClaims(BackupSpec t) {
    if (has(t.excludedResources(), PVCS) || has(t.excludedNamespaceScopedResources(), PVCS)
        || has(t.excludedNamespaceScopedResources(), "*")) {
      return false;
    }
    return takes(t.includedResources()) && takes(t.includedNamespaceScopedResources());
  }

  private static boolean takes(List<String> includes) {
    return includes == null || includes.isEmpty() || includes.contains("*") || includes.contains(PVCS);
  }

  private static boolean has(List<String> list, String item) {
    return list != null && list.contains(item);
  }

  private static BackupSpec emptyTemplate() {
    return new BackupSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }
}
