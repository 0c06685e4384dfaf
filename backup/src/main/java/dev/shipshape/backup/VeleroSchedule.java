package dev.shipshape.backup;

import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.Schedule;
import dev.shipshape.backup.model.ScheduleSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Velero Schedule: a backup (see {@link BackupTemplate}) run on a cron schedule.
 *
 * <pre>{@code
 * VeleroSchedule.daily("t1-daily").namespaces("t1").storageLocation("primary")
 *     .hook(BackupHook.named("t1-db").label("app", "db").pre(ExecHook.in("db", "sync").build()).build())
 *     .build();
 * }</pre>
 *
 * <p>The schedule takes five cron fields ({@code 0 2 * * *}), a descriptor ({@code @daily}, {@code @hourly}, …)
 * or {@code @every <duration>}, optionally after {@code CRON_TZ=<zone> }; without a zone Velero computes times in
 * UTC. The compiled Schedule is checked with every other Schedule of the spec, raw YAML included: its name, cron
 * expression and ttl; its template's filters and label selectors, and that the storage location, volume snapshot
 * locations, namespaces and hook containers it names exist in the spec; with warnings about a ttl shorter than the
 * time between runs, schedules that run at the same minute over the same namespace, and namespaces with persistent
 * volume claims that no schedule covers.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VeleroSchedule extends BackupTemplate implements Component {

  /** The cron expression. */
  public abstract String schedule();

  /** A paused schedule makes no backups. By default, false. */
  @Value.Default
  public boolean paused() {
    return false;
  }

  /** Whether the first run waits for the next scheduled time instead of running at once. */
  public abstract Optional<Boolean> skipImmediately();

  /** Whether backups are owned by (and deleted with) the Schedule. */
  public abstract Optional<Boolean> useOwnerReferencesInBackup();

  public static Builder builder() {
    return ImmutableVeleroSchedule.builder();
  }

  /**
   * A schedule that runs every day at 02:00 UTC and keeps backups 30 days ({@code 720h0m0s}), on the full hour
   * so that it never coincides with {@link #hourly} schedules.
   */
  public static Builder daily(String name) {
    return builder().name(name).schedule("0 2 * * *").ttl("720h0m0s");
  }

  /**
   * A schedule that runs every hour at minute 30 and keeps backups 2 days ({@code 48h0m0s}); minute 30 keeps
   * it clear of daily and weekly schedules, which usually run on the full hour.
   */
  public static Builder hourly(String name) {
    return builder().name(name).schedule("30 * * * *").ttl("48h0m0s");
  }

  /** The reference of the compiled Schedule. */
  public ResourceRef ref() {
    return Velero.ref("Schedule", veleroNamespace(), name());
  }

  /** Velero's {@code Schedule} CRD. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(Velero.crd("Schedule"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Schedule schedule = new Schedule();
    schedule.setMetadata(Templates.metadata(name(), veleroNamespace()));
    schedule.setSpec(new ScheduleSpec(schedule(), Templates.toSpec(this), paused() ? Boolean.TRUE : null,
        skipImmediately().orElse(null), useOwnerReferencesInBackup().orElse(null)));
    return List.of(schedule);
  }

  /** Builds {@link VeleroSchedule}s. */
  public sealed interface Builder extends TemplateSetters<Builder> permits ImmutableVeleroSchedule.Builder {
    /** Starts from every attribute of {@code schedule}. */
    Builder from(VeleroSchedule schedule);

    /** The cron expression. */
    Builder schedule(String schedule);

    Builder paused(boolean paused);

    Builder skipImmediately(boolean skipImmediately);

    Builder useOwnerReferencesInBackup(boolean useOwnerReferencesInBackup);

    @Override
    default Builder orLabelSelector(Map<String, String> labels) {
      return ((ImmutableVeleroSchedule.Builder) this)
          .addOrLabelSelectors(Collections.unmodifiableMap(new LinkedHashMap<>(labels)));
    }

    VeleroSchedule build();
  }
}
