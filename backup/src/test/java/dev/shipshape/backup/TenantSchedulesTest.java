package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The production pattern: a tenant namespace with daily and hourly schedules and a pre-backup hook. */
class TenantSchedulesTest {

  static BackupHook flushDb() {
    return BackupHook.named("t1-db-flush").label("app", "db")
        .pre(ExecHook.in("db", "/bin/sh", "-c", "sync").onError(HookErrorMode.FAIL).timeout("1m").build())
        .build();
  }

  @Test
  void dailyAndHourlyWithAPreHookPlanWithoutWarnings() {
    Plan plan = Fixtures.tenantSpec().resource(Fixtures.pvc("t1", "data"))
        .component(
            VeleroSchedule.daily("t1-daily").namespaces("t1").storageLocation("primary").hook(flushDb()).build(),
            VeleroSchedule.hourly("t1-hourly").namespaces("t1").storageLocation("primary").hook(flushDb()).build())
        .build().plan();
    assertThat(plan.warnings()).isEmpty();
    assertThat(KubernetesSchemas.load().validateAll(plan.resources().stream().map(PlannedResource::object)
        .collect(Collectors.toList()))).isEmpty();
    assertThat(plan.resources()).filteredOn(r -> r.ref().kind().equals("Schedule"))
        .extracting(r -> r.ref().name()).containsExactly("t1-daily", "t1-hourly");
  }
}
