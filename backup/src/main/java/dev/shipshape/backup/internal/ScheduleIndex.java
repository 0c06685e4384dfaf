package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Velero Schedules of a spec, read once per plan and shared by every schedule's checks: each schedule's parsed
 * cron expression (parsed once per distinct expression), its namespace selection, and an index from namespace to
 * the schedules that name it, so that finding the schedules one schedule may collide with does not scan them all.
 */
final class ScheduleIndex {
  private static final Object KEY = new Object();

  /** One active or paused Schedule of the spec. */
  static final class Entry {
    final ResourceRef ref;
    final int position;
    final String expression;
    final Optional<CronSchedule> cron;
    final NamespaceSelection selection;
    final boolean paused;

    Entry(ResourceRef ref, int position, String expression, Optional<CronSchedule> cron,
        NamespaceSelection selection, boolean paused) {
      this.ref = ref;
      this.position = position;
      this.expression = expression;
      this.cron = cron;
      this.selection = selection;
      this.paused = paused;
    }

    /** True when the selection names its namespaces one by one (no glob, not every namespace). */
    boolean literal() {
      return selection.literalOnly();
    }
  }

  private final Map<ResourceRef, Entry> byRef = new HashMap<>();
  private final SelectionIndex<Entry> bySelection = new SelectionIndex<>();
  private final Map<String, Integer> specNamespaceOrder = new HashMap<>();
  private final List<String> specNamespaces;
  private final Map<String, Optional<CronSchedule>> cronByExpression = new ConcurrentHashMap<>();
  private final Map<String, Optional<Duration>> gapByExpression = new ConcurrentHashMap<>();
  private final Map<List<String>, Optional<ZonedDateTime>> commonRuns = new ConcurrentHashMap<>();
  private final Optional<ResourceRef> firstComponentSchedule;

  private ScheduleIndex(SpecContext context) {
    specNamespaces = ScheduleChecks.specNamespaces(context);
    for (int i = 0; i < specNamespaces.size(); i++) specNamespaceOrder.putIfAbsent(specNamespaces.get(i), i);
    List<HasMetadata> schedules = context.resources("velero.io", "Schedule");
    Optional<ResourceRef> first = Optional.empty();
    for (int i = 0; i < schedules.size(); i++) {
      ResourceRef ref = ResourceRef.of(schedules.get(i));
      if (first.isEmpty() && !context.producerOf(ref).orElse("resources").equals("resources")) first = Optional.of(ref);
      Schedule schedule = Typed.as(schedules.get(i), Schedule.class);
      if (schedule.getSpec() == null) continue;
      String expression = schedule.getSpec().schedule();
      BackupSpec template = schedule.getSpec().template();
      NamespaceSelection selection = template == null ? NamespaceSelection.of(null, null)
          : NamespaceSelection.of(template.includedNamespaces(), template.excludedNamespaces());
      Entry entry = new Entry(ref, i, expression, cron(expression), selection,
          Boolean.TRUE.equals(schedule.getSpec().paused()));
      byRef.put(ref, entry);
      bySelection.add(selection, entry);
    }
    firstComponentSchedule = first;
  }

  /** The index of this plan, built on first use. */
  static ScheduleIndex of(SpecContext context) {
    return context.shared(KEY, ScheduleIndex::new);
  }

  Optional<Entry> entry(ResourceRef ref) {
    return Optional.ofNullable(byRef.get(ref));
  }

  /** The parsed expression; parsed once per distinct expression of the spec. */
  Optional<CronSchedule> cron(String expression) {
    if (expression == null) return Optional.empty();
    return cronByExpression.computeIfAbsent(expression, e -> CronSchedule.parse(e).schedule());
  }

  Optional<Duration> longestGap(String expression, CronSchedule schedule) {
    return gapByExpression.computeIfAbsent(expression, e -> schedule.longestGap());
  }

  Optional<ZonedDateTime> firstCommonRun(Entry a, Entry b) {
    return commonRuns.computeIfAbsent(List.of(a.expression, b.expression),
        k -> a.cron.get().firstCommonRun(b.cron.get()));
  }

  /** The first Schedule of the spec that a component (not a raw manifest) produced. */
  Optional<ResourceRef> firstComponentSchedule() {
    return firstComponentSchedule;
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
