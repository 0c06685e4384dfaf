package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of a Schedule's name, cron expression and ttl, and the warnings that compare schedules with each other
 * and with the spec's claims, hold for a Schedule given as raw YAML or made by another component as they do for a
 * built one, and a built schedule reports each problem once.
 */
class RawScheduleRulesTest {
  private static final String AT = "[resources] Schedule.velero.io velero/raw ";
  private static final String CRON_FIX = " — use five cron fields such as '0 2 * * *', a descriptor such as"
      + " '@daily', or '@every 6h', optionally after 'CRON_TZ=Europe/Berlin '";
  private static final String NEVER = ", so Velero's cron library finds no next run and returns Go's zero time,"
      + " which Velero's schedule controller takes as overdue: it starts a backup at each check of the schedule"
      + " (every minute) while none of its backups is New or InProgress — give every field a value, and a day of"
      + " the month that the month has (such as '0 2 28 2 *' for 28 February)";

  /** Schedule velero/{@code name} of {@code spec} (the lines under {@code spec:}). */
  static HasMetadata raw(String name, String spec) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: " + name
        + "\n  namespace: velero\nspec:\n" + spec).get(0);
  }

  /** Schedule velero/raw of namespace t1 at {@code cron}, with {@code more} lines under its template. */
  private static HasMetadata at(String cron, String... more) {
    return raw("raw", "  schedule: " + cron + "\n  template:\n    includedNamespaces: [t1]\n"
        + String.join("", more));
  }

  private static List<String> problemsOf(HasMetadata... schedules) {
    return problems(tenantSpec().resource(schedules).build());
  }

  @Test
  void cronSyntaxAsVelerosLibraryReadsItHoldsForRawSchedules() {
    assertThat(problemsOf(at("0 2 * * 1,7"))).containsExactly("ERROR " + AT + "spec.schedule: '0 2 * * 1,7' has"
        + " day of the week 7, out of 0-6 as Velero reads it (Sunday is 0 or SUN, Saturday 6 or SAT)" + CRON_FIX);
    assertThat(problemsOf(at("CRON_TZ=+02:00 0 2 * * *"))).containsExactly("ERROR " + AT + "spec.schedule:"
        + " 'CRON_TZ=+02:00 0 2 * * *' names an unknown time zone '+02:00' (use an IANA name such as"
        + " 'Europe/Berlin'): Go's time.LoadLocation, which Velero's cron library calls, takes tz database names,"
        + " not UTC offsets, and Velero marks the schedule FailedValidation; for a fixed offset such as +02:00"
        + " write 'Etc/GMT-2' (the sign of the Etc/GMT names is inverted)" + CRON_FIX);
    assertThat(problemsOf(at("'0 0 31 2 *'"))).containsExactly("ERROR " + AT + "spec.schedule: '0 0 31 2 *'"
        + " matches no date (such as 31 February)" + NEVER);
    assertThat(problemsOf(at("'0 2 , * *'"))).containsExactly("ERROR " + AT + "spec.schedule: '0 2 , * *' has no"
        + " value in the day of the month field ','" + NEVER);
  }

  @Test
  void theLineBreakOfABlockScalarIsAnErrorShownEscaped() {
    HasMetadata block = raw("raw", "  schedule: |\n    @every 6h\n  template:\n    includedNamespaces: [t1]\n");
    assertThat(problemsOf(block)).containsExactly("ERROR " + AT + "spec.schedule: '@every 6h\\n' has white space"
        + " at its start or end, which Velero's cron library keeps (it trims only what follows a CRON_TZ= or TZ="
        + " prefix), so Velero refuses the schedule — write '@every 6h'");
    VeleroSchedule built = VeleroSchedule.builder().name("b").schedule("@daily\t").namespaces("t1").build();
    assertThat(problems(tenantSpec().component(built).build())).containsExactly("ERROR [b] Schedule.velero.io"
        + " velero/b spec.schedule: '@daily\\t' has white space at its start or end, which Velero's cron"
        + " library keeps (it trims only what follows a CRON_TZ= or TZ= prefix), so Velero refuses the schedule —"
        + " write '@daily'");
  }

  @Test
  void cronWarningsHoldForRawSchedules() {
    assertThat(problemsOf(at("0 *-5 * * *", "    ttl: 2h\n"))).containsExactly("WARNING " + AT + "spec.schedule:"
        + " '0 *-5 * * *' has '*-5' in the hour field, which Velero reads as '*' (every hour): its cron library"
        + " takes a range starting with '*' for the whole field and ignores the '-5' part — write '0-5' for the"
        + " range from 0 to 5, or '*' for every hour");
    assertThat(problemsOf(at("CRON_TZ=Local 0 2 * * *"))).containsExactly("WARNING " + AT + "spec.schedule:"
        + " 'CRON_TZ=Local 0 2 * * *' runs in the zone 'Local', which Go reads as the zone of the Velero server's"
        + " process: UTC in Velero's image unless its pod sets TZ, so the times change with the Velero deployment"
        + " (they are checked here as UTC) — name the zone, such as 'CRON_TZ=UTC ' or 'CRON_TZ=Europe/Berlin '");
  }

  @Test
  void aRawTtlMustBeAGoDurationAtLeastTheLongestGap() {
    // Velero decodes the ttl as a metav1.Duration; the CRD types it as a plain string, so the API server takes '30d'.
    assertThat(problemsOf(at("'@daily'", "    ttl: 30d\n"))).containsExactly("ERROR " + AT + "spec.template.ttl:"
        + " '30d' is not a Go duration: it has an unknown unit 'd' — write a Go duration such as '720h0m0s' (units"
        + " h, m, s, ms, us, ns)");
    assertThat(problemsOf(at("0 4 * * 0", "    ttl: 72h\n"))).containsExactly("WARNING " + AT + "spec.template.ttl:"
        + " ttl 72h0m0s is shorter than the time between runs of '0 4 * * 0' (up to 168h0m0s): for part of each"
        + " cycle no backup exists — set ttl to at least 168h0m0s, or run the schedule more often");
    assertThat(problemsOf(at("'0 2 1 */2 *'"))).containsExactly("WARNING " + AT + "spec.template.ttl: ttl"
        + " 720h0m0s is shorter than the time between runs of '0 2 1 */2 *' (up to 1488h0m0s): for part of each"
        + " cycle no backup exists — set ttl to at least 1488h0m0s, or run the schedule more often");
  }

  @Test
  void aRawNameLongerThanALabelValue() {
    String name = "t1-" + "x".repeat(61);
    assertThat(problems(tenantSpec().resource(raw(name, "  schedule: '@daily'\n  template: {}\n")).build()))
        .containsExactly("ERROR [resources] Schedule.velero.io velero/" + name + " metadata.name: is 64 characters"
            + " long: Velero labels each backup of the schedule with velero.io/schedule-name=<name>, and the API"
            + " server refuses label values longer than 63 characters, so the schedule would never make a backup"
            + " — use a name of at most 63 characters");
  }

  @Test
  void aFieldOfTheWrongTypeIsOneError() {
    assertThat(problemsOf(at("0 4 * * 0", "  paused: 'yes'\n"))).containsExactly("ERROR " + AT + "spec.paused:"
        + " does not have the type that Velero's Schedule CRD gives it, so the API server refuses the Schedule and"
        + " its other fields are not checked here — write the value as the CRD types it ('kubectl explain"
        + " schedules.spec.paused --api-version=velero.io/v1' shows the type), such as true or false, unquoted, for"
        + " a boolean");
  }

  @Test
  void rawAndBuiltSchedulesCollideInBothOrders() {
    String warning = "WARNING [h] Schedule.velero.io velero/h spec.schedule: '30 * * * *' runs at the same minute as"
        + " Schedule velero/raw ('30 2 * * *', for example at 2028-01-01T02:30Z) and both back up namespace t1 —"
        + " move one of the two to another minute so that their backups do not compete, such as '15' instead of"
        + " '0' in the minute field";
    assertThat(problems(tenantSpec().resource(at("30 2 * * *"))
        .component(VeleroSchedule.hourly("h").namespaces("t1").build()).build())).containsExactly(warning);
    // Spec order puts raw resources first, so the built schedule is the later one either way.
    assertThat(problems(tenantSpec().component(VeleroSchedule.hourly("h").namespaces("t1").build())
        .resource(at("30 2 * * *")).build())).containsExactly(warning);
    assertThat(problemsOf(raw("nightly", "  schedule: 0 2 * * *\n  template: {}\n"), at("'@hourly'")))
        .containsExactly("WARNING " + AT + "spec.schedule: '@hourly' runs at the same minute as Schedule"
            + " velero/nightly ('0 2 * * *', for example at 2028-01-01T02:00Z) and both back up namespace t1 — move"
            + " one of the two to another minute so that their backups do not compete, such as '15' instead of '0'"
            + " in the minute field");
  }

  @Test
  void claimsNoRawScheduleCoversAreReportedOnce() {
    var spec = tenantSpec().resource(TestManifests.namespace("t2"), Fixtures.pvc("t2", "data"),
        Fixtures.pvc("t1", "x"), at("0 3 * * *"), raw("other", "  schedule: 0 4 * * *\n  template:\n"
            + "    includedNamespaces: [t1]\n")).build();
    assertThat(problems(spec)).containsExactly("WARNING [resources] Namespace t2: has persistent volume claims"
        + " (data) that no active Velero schedule backs up — add the namespace to a schedule, such as"
        + " VeleroSchedule.daily(\"t2-daily\").namespaces(\"t2\")");
  }

  @Test
  void aScheduleOfAnotherComponentIsCheckedUnderThatComponent() {
    Component chart = new Component() {
      @Override
      public String name() {
        return "chart";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return List.of(at("0 0 * * sunday"));
      }
    };
    assertThat(problems(tenantSpec().component(chart).build())).containsExactly("ERROR [chart] Schedule.velero.io"
        + " velero/raw spec.schedule: '0 0 * * sunday' has 'sunday', which is no day; write SUN-SAT or 0-6"
        + CRON_FIX);
  }

  @Test
  void aBuiltScheduleReportsEachProblemOnce() {
    VeleroSchedule built = VeleroSchedule.builder().name("b-" + "x".repeat(62)).schedule("0 *-5 * * 1,7")
        .namespaces("t1").ttl("30d").addExcludedNamespaces("*").build();
    String at = "ERROR [" + built.name() + "] Schedule.velero.io velero/" + built.name() + " ";
    assertThat(problems(tenantSpec().component(built).build())).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly(at + "metadata.name", at + "spec.schedule", at + "spec.template.ttl",
            at + "spec.template.excludedNamespaces");
    VeleroSchedule warned = VeleroSchedule.builder().name("w").schedule("CRON_TZ=Local 0 4 * * 0").namespaces("t1")
        .ttl("72h").build();
    assertThat(problems(tenantSpec().component(warned).build())).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("WARNING [w] Schedule.velero.io velero/w spec.schedule",
            "WARNING [w] Schedule.velero.io velero/w spec.template.ttl");
  }
}
