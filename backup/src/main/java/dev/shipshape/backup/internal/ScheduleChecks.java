package dev.shipshape.backup.internal;

import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
    CronSchedule.Result cron = CronSchedule.parse(s.schedule());
    cron.error().ifPresent(e -> problems.add(Problem.error(ref, "spec.schedule", "'" + s.schedule() + "' " + e,
        "use five cron fields such as '0 2 * * *', a descriptor such as '@daily', or '@every 6h',"
            + " optionally after 'CRON_TZ=Europe/Berlin '")));
    problems.addAll(TemplateChecks.check(s, ref, "spec.template", context));
    SnapshotClassCoverage.check(s, ref, context, problems);
    if (cron.schedule().isEmpty()) return problems;
    CronSchedule schedule = cron.schedule().get();
    checkTtl(s, schedule, ref, problems);
    if (!s.paused()) checkCollisions(s, schedule, ref, context, problems);
    if (isFirstComponentSchedule(ref, context)) Coverage.check(context, problems);
    return problems;
  }

  private static void checkTtl(VeleroSchedule s, CronSchedule schedule, ResourceRef ref, List<Problem> problems) {
    // Velero takes a zero ttl (0s, 0) as "not set" and applies its default.
    Optional<Duration> ttl = s.ttl().isPresent() ? GoDuration.parse(s.ttl().get()).duration()
        .map(d -> d.isZero() ? DEFAULT_TTL : d) : Optional.of(DEFAULT_TTL);
    if (ttl.filter(Duration::isNegative).isPresent()) return;
    Optional<Duration> gap = schedule.longestGap();
    if (ttl.isEmpty() || gap.isEmpty() || ttl.get().compareTo(gap.get()) >= 0) return;
    problems.add(Problem.warning(ref, "spec.template.ttl", "ttl " + GoDuration.format(ttl.get()) + " is shorter"
        + " than the time between runs of '" + s.schedule() + "' (up to " + GoDuration.format(gap.get())
        + "): for part of each cycle no backup exists", "set ttl to at least " + GoDuration.format(gap.get())
        + ", or run the schedule more often"));
  }

  /** Reports each colliding pair once, on the later schedule of the two. */
  private static void checkCollisions(VeleroSchedule s, CronSchedule schedule, ResourceRef ref,
      SpecContext context, List<Problem> problems) {
    NamespaceSelection mine = NamespaceSelection.of(s.includedNamespaces(), s.excludedNamespaces());
    List<String> candidates = specNamespaces(context);
    for (HasMetadata object : context.resources("velero.io", "Schedule")) {
      ResourceRef otherRef = ResourceRef.of(object);
      if (otherRef.equals(ref)) break;
      Schedule other = Manifests.convert(object, Schedule.class);
      if (other.getSpec() == null || Boolean.TRUE.equals(other.getSpec().paused())) continue;
      Optional<CronSchedule> otherCron = CronSchedule.parse(other.getSpec().schedule()).schedule();
      if (otherCron.isEmpty()) continue;
      BackupSpec template = other.getSpec().template();
      NamespaceSelection theirs = template == null ? NamespaceSelection.of(null, null)
          : NamespaceSelection.of(template.includedNamespaces(), template.excludedNamespaces());
      List<String> all = new ArrayList<>(candidates);
      all.addAll(mine.literalIncludes());
      all.addAll(theirs.literalIncludes());
      Optional<String> shared = mine.overlap(theirs, all);
      if (shared.isEmpty()) continue;
      Optional<ZonedDateTime> when = schedule.firstCommonRun(otherCron.get());
      if (when.isEmpty()) continue;
      problems.add(Problem.warning(ref, "spec.schedule", "'" + s.schedule() + "' runs at the same minute as"
          + " Schedule " + otherRef.qualifiedName() + " ('" + other.getSpec().schedule() + "', for example at "
          + when.get() + ") and both back up " + (shared.get().equals("every namespace") ? shared.get()
              : "namespace " + shared.get()), "move one of the two to another minute so that their backups do"
          + " not compete, such as '15' instead of '0' in the minute field"));
    }
  }

  /**
   * The coverage warning concerns the whole spec, so only one schedule reports it: the first Schedule of the
   * spec that a component (not a raw manifest) produced.
   */
  private static boolean isFirstComponentSchedule(ResourceRef ref, SpecContext context) {
    return context.resources("velero.io", "Schedule").stream()
        .map(ResourceRef::of)
        .filter(r -> !context.producerOf(r).orElse("resources").equals("resources"))
        .findFirst()
        .map(ref::equals)
        .orElse(false);
  }

  static List<String> specNamespaces(SpecContext context) {
    return context.resources("", "Namespace").stream().map(n -> n.getMetadata().getName())
        .collect(Collectors.toList());
  }
}
