package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
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

/**
 * Checks what every Schedule of the spec compiles to, raw ones included: its name, cron expression and ttl, and
 * the warnings that compare it with the whole spec. {@link ScheduleSpecCheck} runs it with the template's checks.
 */
public final class ScheduleChecks {
  /** Velero's ttl when a backup sets none. */
  static final Duration DEFAULT_TTL = Duration.ofHours(720);
  private static final String TTL = "spec.template.ttl";

  private ScheduleChecks() {}

  /** The problems of one compiled Schedule of the spec, in the order of its fields. */
  static List<Problem> compiled(ScheduleIndex.Entry entry, ScheduleIndex index) {
    ResourceRef ref = entry.ref;
    List<Problem> problems = new ArrayList<>();
    Optional<String> misfit = index.misfit(ref);
    if (misfit.isPresent()) return List.of(Typed.misfit(ref, misfit.get()));
    if (ref.name().length() > Velero.MAX_LABEL_VALUE) {
      problems.add(Problem.error(ref, "metadata.name", "is " + ref.name().length() + " characters long: Velero"
          + " labels each backup of the schedule with " + Velero.SCHEDULE_NAME_LABEL + "=<name>, and the API server"
          + " refuses label values longer than " + Velero.MAX_LABEL_VALUE + " characters, so the schedule would never"
          + " make a backup", "use a name of at most " + Velero.MAX_LABEL_VALUE + " characters"));
    }
    String quoted = entry.expression == null ? "" : quote(entry.expression) + " ";
    CronSchedule.Result parsed = index.parsed(entry.expression);
    parsed.error().ifPresent(e -> problems.add(Problem.error(ref, "spec.schedule", quoted + e,
        parsed.fix().orElse("use five cron fields such as '0 2 * * *', a descriptor such as '@daily', or"
            + " '@every 6h', optionally after 'CRON_TZ=Europe/Berlin '"))));
    parsed.notes().forEach(n -> problems.add(Problem.warning(ref, "spec.schedule", quoted + n.problem(), n.fix())));
    // Velero reads the ttl as a metav1.Duration: a value time.ParseDuration refuses fails the Schedule's decoding.
    entry.ttl.ifPresent(ttl -> References.requireDuration(ref, TTL, ttl, "720h0m0s", problems));
    if (entry.cron.isEmpty()) return problems;
    index.clockChanges(entry.expression, entry.cron.get())
        .ifPresent(n -> problems.add(Problem.warning(ref, "spec.schedule", quoted + n.problem(), n.fix())));
    checkTtl(entry, index.longestGap(entry.expression, entry.cron.get()), problems);
    if (!entry.paused) checkCollisions(entry, index, problems);
    return problems;
  }

  private static void checkTtl(ScheduleIndex.Entry entry, Optional<Duration> gap, List<Problem> problems) {
    // Velero takes a zero ttl (0s, 0) as "not set" and applies its default.
    Optional<Duration> ttl = entry.ttl.isPresent() ? GoDuration.parse(entry.ttl.get()).duration()
        .map(d -> d.isZero() ? DEFAULT_TTL : d) : Optional.of(DEFAULT_TTL);
    if (ttl.filter(Duration::isNegative).isPresent()) return;
    if (ttl.isEmpty() || gap.isEmpty() || ttl.get().compareTo(gap.get()) >= 0) return;
    problems.add(Problem.warning(entry.ref, TTL, "ttl " + GoDuration.format(ttl.get()) + " is shorter than the time"
        + " between runs of " + quote(entry.expression) + " (up to " + GoDuration.format(gap.get()) + "): for part of"
        + " each cycle no backup exists", "set ttl to at least " + GoDuration.format(gap.get())
        + ", or run the schedule more often"));
  }

  /**
   * Reports each colliding pair once, on the later schedule of the two. Only the earlier schedules that can share
   * a namespace with this one are compared (see {@link ScheduleIndex#earlierCandidates}).
   */
  private static void checkCollisions(ScheduleIndex.Entry mine, ScheduleIndex index, List<Problem> problems) {
    for (ScheduleIndex.Entry other : index.earlierCandidates(mine)) {
      if (other.paused || other.cron.isEmpty()) continue;
      Optional<String> shared = index.overlap(mine, other);
      if (shared.isEmpty()) continue;
      Optional<ZonedDateTime> when = index.firstCommonRun(mine, other);
      if (when.isEmpty()) continue;
      problems.add(Problem.warning(mine.ref, "spec.schedule", quote(mine.expression) + " runs at the same minute as"
          + " Schedule " + other.ref.qualifiedName() + " (" + quote(other.expression) + ", for example at "
          + when.get() + ") and both back up " + (shared.get().equals("every namespace") ? shared.get()
              : "namespace " + shared.get()), "move one of the two to another minute so that their backups do"
          + " not compete, such as '15' instead of '0' in the minute field"));
    }
  }

  /**
   * The expression in quotes, with the line breaks and tabs a YAML block scalar or template can leave in it
   * escaped, so that each problem stays on one line and shows them.
   */
  static String quote(String expression) {
    return "'" + expression.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
  }

  static List<String> specNamespaces(SpecContext context) {
    return context.resources("", "Namespace").stream().map(n -> n.getMetadata().getName())
        .collect(Collectors.toList());
  }
}
