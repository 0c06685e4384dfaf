package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.backup.model.ScheduleSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Velero Schedules of a spec, whichever produced them (a {@code VeleroSchedule}, raw YAML, another component),
 * read once per plan: each schedule's parsed cron expression (parsed once per distinct expression), ttl and
 * namespace selection, and an index from namespace to the schedules that name it, so that finding the schedules
 * one schedule may collide with does not scan them all.
 */
final class ScheduleIndex {
  private static final Object KEY = new Object();

  /** One active or paused Schedule of the spec. */
  static final class Entry {
    final ResourceRef ref;
    final int position;
    /** {@code spec.schedule}; null when unset. */
    final String expression;
    final Optional<CronSchedule> cron;
    /** {@code spec.template.ttl}. */
    final Optional<String> ttl;
    final NamespaceSelection selection;
    final boolean paused;
    /** {@code spec.template}; null when unset. */
    final BackupSpec template;

    Entry(ResourceRef ref, int position, String expression, Optional<CronSchedule> cron, Optional<String> ttl,
        NamespaceSelection selection, boolean paused, BackupSpec template) {
      this.ref = ref;
      this.position = position;
      this.expression = expression;
      this.cron = cron;
      this.ttl = ttl;
      this.selection = selection;
      this.paused = paused;
      this.template = template;
    }

    /** True when the selection names its namespaces one by one (no glob, not every namespace). */
    boolean literal() {
      return selection.literalOnly();
    }
  }

  private final Map<ResourceRef, Entry> byRef = new LinkedHashMap<>();
  private final SelectionIndex<Entry> bySelection = new SelectionIndex<>();
  private final Map<ResourceRef, String> misfits = new HashMap<>();
  private final Map<String, Integer> specNamespaceOrder = new HashMap<>();
  private final List<String> specNamespaces;
  private final Map<String, CronSchedule.Result> parsedByExpression = new ConcurrentHashMap<>();
  private final Map<String, Optional<Duration>> gapByExpression = new ConcurrentHashMap<>();
  private final Map<String, Optional<CronSchedule.Note>> clockChangesByExpression = new ConcurrentHashMap<>();
  private final Map<List<String>, Optional<ZonedDateTime>> commonRuns = new ConcurrentHashMap<>();

  private ScheduleIndex(SpecContext context) {
    specNamespaces = ScheduleChecks.specNamespaces(context);
    for (int i = 0; i < specNamespaces.size(); i++) specNamespaceOrder.putIfAbsent(specNamespaces.get(i), i);
    List<HasMetadata> schedules = context.resources(Velero.GROUP, "Schedule");
    for (int i = 0; i < schedules.size(); i++) {
      ResourceRef ref = ResourceRef.of(schedules.get(i));
      ScheduleSpec spec = read(schedules.get(i)).getSpec();
      String expression = spec == null ? null : spec.schedule();
      BackupSpec template = spec == null ? null : spec.template();
      NamespaceSelection selection = template == null ? NamespaceSelection.of(null, null)
          : NamespaceSelection.of(template.includedNamespaces(), template.excludedNamespaces());
      Entry entry = new Entry(ref, i, expression, parsed(expression).schedule(),
          Optional.ofNullable(template).map(BackupSpec::ttl), selection, spec != null
          && Boolean.TRUE.equals(spec.paused()), template);
      byRef.put(ref, entry);
      bySelection.add(selection, entry);
    }
  }

  /**
   * The schedule as Velero's model; for YAML that does not fit it (a field of the wrong type, which the API server
   * refuses against Velero's CRD), an empty one, and the field for {@link #misfit}.
   */
  private Schedule read(HasMetadata object) {
    try {
      return Typed.as(object, Schedule.class);
    } catch (IllegalArgumentException e) {
      misfits.put(ResourceRef.of(object), Typed.field(e));
      return new Schedule();
    }
  }

  /** The field of each Schedule that does not fit Velero's model, such as {@code spec.paused}. */
  Optional<String> misfit(ResourceRef ref) {
    return Optional.ofNullable(misfits.get(ref));
  }

  /** The index of this plan, built on first use. */
  static ScheduleIndex of(SpecContext context) {
    return context.shared(KEY, ScheduleIndex::new);
  }

  /** Every Schedule of the spec, in spec order. */
  Collection<Entry> entries() {
    return byRef.values();
  }

  /** How Velero reads the expression; parsed once per distinct expression of the spec. */
  CronSchedule.Result parsed(String expression) {
    if (expression == null) return CronSchedule.parse(null);
    return parsedByExpression.computeIfAbsent(expression, CronSchedule::parse);
  }

  Optional<Duration> longestGap(String expression, CronSchedule schedule) {
    return gapByExpression.computeIfAbsent(expression, e -> schedule.longestGap());
  }

  /** {@link CronSchedule#clockChanges}, found once per distinct expression (which holds the zone). */
  Optional<CronSchedule.Note> clockChanges(String expression, CronSchedule schedule) {
    return clockChangesByExpression.computeIfAbsent(expression, e -> schedule.clockChanges());
  }

  Optional<ZonedDateTime> firstCommonRun(Entry a, Entry b) {
    return commonRuns.computeIfAbsent(List.of(a.expression, b.expression),
        k -> a.cron.get().firstCommonRun(b.cron.get()));
  }

  /**
   * The schedules before {@code entry} (in spec order) whose selection may share a namespace with it, in spec
   * order: those naming one of its namespaces, and those selecting by pattern or every namespace.
   */
  List<Entry> earlierCandidates(Entry entry) {
    Set<Entry> candidates = new LinkedHashSet<>();
    if (entry.literal()) {
      for (String ns : entry.selection.literalIncludes()) {
        for (Entry other : bySelection.naming(ns)) {
          if (other.position < entry.position) candidates.add(other);
        }
      }
      for (Entry other : bySelection.broad()) {
        if (other.position < entry.position) candidates.add(other);
      }
    } else {
      byRef.values().stream().filter(other -> other.position < entry.position).forEach(candidates::add);
    }
    List<Entry> ordered = new ArrayList<>(candidates);
    ordered.sort(Comparator.comparingInt(e -> e.position));
    return ordered;
  }

  /**
   * A namespace both selections cover, as {@link NamespaceSelection#overlap} finds it among the spec's
   * namespaces and both include lists; when one selection is literal, only its own namespaces can be shared, so
   * only they are tried (in the same order), instead of every namespace of the spec.
   */
  Optional<String> overlap(Entry mine, Entry theirs) {
    List<String> candidates;
    if (mine.literal() || theirs.literal()) {
      List<String> named = new ArrayList<>(mine.selection.literalIncludes());
      named.addAll(theirs.selection.literalIncludes());
      named.sort(Comparator.comparingInt(ns -> specNamespaceOrder.getOrDefault(ns, Integer.MAX_VALUE)));
      candidates = named;
    } else {
      candidates = new ArrayList<>(specNamespaces);
      candidates.addAll(mine.selection.literalIncludes());
      candidates.addAll(theirs.selection.literalIncludes());
    }
    return mine.selection.overlap(theirs.selection, candidates);
  }
}
