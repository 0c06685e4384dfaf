package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks a schedule: its cron expression and template, then warnings that compare it with the whole spec. */
public final class ScheduleChecks {
  /** Velero's ttl when a backup sets none. */
  static final Duration DEFAULT_TTL = Duration.ofHours(720);

  private ScheduleChecks() {}

  public static List<Problem> check(VeleroSchedule s, SpecContext context) {
    ResourceRef ref = s.ref();
    List<Problem> problems = new ArrayList<>();
    if (s.name().length() > Velero.MAX_LABEL_VALUE) {
      problems.add(Problem.error(ref, "metadata.name", "is " + s.name().length() + " characters long: Velero labels"
          + " each backup of the schedule with " + Velero.SCHEDULE_NAME_LABEL + "=<name>, and the API server"
          + " refuses label values longer than " + Velero.MAX_LABEL_VALUE + " characters, so the schedule would never"
          + " make a backup", "use a name of at most " + Velero.MAX_LABEL_VALUE + " characters"));
    }
    ScheduleIndex index = ScheduleIndex.of(context);
    Optional<CronSchedule> schedule = index.cron(s.schedule());
    CronSchedule.Result parsed = CronSchedule.parse(s.schedule());
    parsed.error().ifPresent(e -> problems.add(Problem.error(ref, "spec.schedule", "'" + s.schedule() + "' " + e,
        parsed.fix().orElse("use five cron fields such as '0 2 * * *', a descriptor such as '@daily', or"
            + " '@every 6h', optionally after 'CRON_TZ=Europe/Berlin '"))));
    parsed.notes().forEach(n -> problems.add(Problem.warning(ref, "spec.schedule", "'" + s.schedule() + "' "
        + n.problem(), n.fix())));
    problems.addAll(TemplateChecks.check(s, ref, "spec.template", context));
    SnapshotClassCoverage.check(s, ref, context, problems);
    if (schedule.isEmpty()) return problems;
    Optional<Duration> gap = index.longestGap(s.schedule(), schedule.get());
    checkTtl(s, gap, ref, problems);
    if (!s.paused()) index.entry(ref).ifPresent(entry -> checkCollisions(s, entry, index, problems));
    if (index.firstComponentSchedule().filter(ref::equals).isPresent()) Coverage.check(context, problems);
    return problems;
  }

  private static void checkTtl(VeleroSchedule s, Optional<Duration> gap, ResourceRef ref, List<Problem> problems) {
    // Velero takes a zero ttl (0s, 0) as "not set" and applies its default.
    Optional<Duration> ttl = s.ttl().isPresent() ? GoDuration.parse(s.ttl().get()).duration()
        .map(d -> d.isZero() ? DEFAULT_TTL : d) : Optional.of(DEFAULT_TTL);
    if (ttl.filter(Duration::isNegative).isPresent()) return;
    if (ttl.isEmpty() || gap.isEmpty() || ttl.get().compareTo(gap.get()) >= 0) return;
    problems.add(Problem.warning(ref, "spec.template.ttl", "ttl " + GoDuration.format(ttl.get()) + " is shorter"
        + " than the time between runs of '" + s.schedule() + "' (up to " + GoDuration.format(gap.get())
        + "): for part of each cycle no backup exists", "set ttl to at least " + GoDuration.format(gap.get())
        + ", or run the schedule more often"));
  }

  /**
   * Reports each colliding pair once, on the later schedule of the two. Only the earlier schedules that can share
   * a namespace with this one are compared (see {@link ScheduleIndex#earlierCandidates}).
   */
  private static void checkCollisions(VeleroSchedule s, ScheduleIndex.Entry mine, ScheduleIndex index,
      List<Problem> problems) {
    for (ScheduleIndex.Entry other : index.earlierCandidates(mine)) {
      if (other.paused || other.cron.isEmpty()) continue;
      Optional<String> shared = index.overlap(mine, other);
      if (shared.isEmpty()) continue;
      Optional<ZonedDateTime> when = index.firstCommonRun(mine, other);
      if (when.isEmpty()) continue;
      problems.add(Problem.warning(mine.ref, "spec.schedule", "'" + s.schedule() + "' runs at the same minute as"
          + " Schedule " + other.ref.qualifiedName() + " ('" + other.expression + "', for example at "
          + when.get() + ") and both back up " + (shared.get().equals("every namespace") ? shared.get()
              : "namespace " + shared.get()), "move one of the two to another minute so that their backups do"
          + " not compete, such as '15' instead of '0' in the minute field"));
    }
  }

  static List<String> specNamespaces(SpecContext context) {
    return context.resources("", "Namespace").stream().map(n -> n.getMetadata().getName())
        .collect(Collectors.toList());
  }
}
