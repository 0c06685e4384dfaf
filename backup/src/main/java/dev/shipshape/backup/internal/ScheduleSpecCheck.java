package dev.shipshape.backup.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over every Velero Schedule of a spec, whichever produced it: a {@code VeleroSchedule} component, raw YAML,
 * or another component such as a Helm chart. Each Schedule's name, cron expression as Velero's cron library reads
 * it, and ttl are checked ({@link ScheduleChecks}), its template's filters, label selectors, references and hooks
 * ({@link TemplateChecks}), and the snapshot classes of the volumes it snapshots ({@link SnapshotClassCoverage});
 * then the schedules are compared with each other (ttl against the time between runs, two schedules backing up one
 * namespace at the same minute) and with the spec's persistent volume claims ({@link Coverage}), which is checked
 * once when the spec has any Schedule.
 */
public final class ScheduleSpecCheck implements SpecCheck {
  private static final String RAW = "resources";

  @Override
  public String name() {
    return "backup-schedules";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    ScheduleIndex index = ScheduleIndex.of(context);
    List<Problem> problems = new ArrayList<>();
    List<String> producers = new ArrayList<>();
    for (ScheduleIndex.Entry entry : index.entries()) {
      String producer = context.producerOf(entry.ref).orElse(name());
      producers.add(producer);
      List<Problem> own = new ArrayList<>(ScheduleChecks.compiled(entry, index));
      if (index.misfit(entry.ref).isEmpty()) {
        Template template = new Template(entry.ref, "spec.template", entry.template);
        own.addAll(TemplateChecks.check(template, context));
        SnapshotClassCoverage.check(template, context, own);
      }
      own.forEach(p -> problems.add(p.inComponent(producer)));
    }
    if (producers.isEmpty()) return problems;
    // The coverage of the whole spec goes with the first schedule a component made, as components own backups.
    String owner = producers.stream().filter(p -> !p.equals(RAW)).findFirst().orElse(producers.get(0));
    List<Problem> uncovered = new ArrayList<>();
    Coverage.check(context, uncovered);
    uncovered.forEach(p -> problems.add(p.inComponent(owner)));
    return problems;
  }
}
