package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.GoDuration;
import dev.shipshape.core.ResourceRef;
import org.junit.jupiter.api.Test;

/** What a schedule or backup names must be in the spec: locations, namespaces, and the pods its hooks run in. */
class SpecReferencesTest {
  private static final String AT = "ERROR [s] Schedule.velero.io velero/s ";

  private static VeleroSchedule.Builder schedule() {
    return VeleroSchedule.builder().name("s").schedule("0 3 * * *").namespaces("t1");
  }

  @Test
  void storageLocationMustBeInTheSpec() {
    assertThat(problems(tenantSpec().component(schedule().storageLocation("secondary").build()).build()))
        .contains(AT + "spec.template.storageLocation: names BackupStorageLocation 'secondary', which is neither in"
            + " the spec nor declared pre-existing in namespace velero — add BackupStorageLocation.builder()"
            + ".name(\"secondary\")… to the spec, or declare it with preExistingResource(Velero.ref("
            + "\"BackupStorageLocation\", \"velero\", \"secondary\"))");
  }

  @Test
  void preExistingStorageLocationIsAccepted() {
    assertThat(problems(tenantSpec().component(schedule().storageLocation("secondary").build())
        .preExistingResource(Velero.ref("BackupStorageLocation", "velero", "secondary")).build())).isEmpty();
    assertThat(problems(tenantSpec().component(schedule().storageLocation("primary").build()).build())).isEmpty();
  }

  @Test
  void volumeSnapshotLocationMustBeInTheSpec() {
    assertThat(problems(tenantSpec().component(schedule().addVolumeSnapshotLocations("ebs").build()).build()))
        .contains(AT + "spec.template.volumeSnapshotLocations[0]: names VolumeSnapshotLocation 'ebs', which is"
            + " neither in the spec nor declared pre-existing in namespace velero — add"
            + " VolumeSnapshotLocation.builder().name(\"ebs\")… to the spec, or declare it with"
            + " preExistingResource(Velero.ref(\"VolumeSnapshotLocation\", \"velero\", \"ebs\"))");
  }

  @Test
  void includedNamespacesMustExist() {
    assertThat(problems(tenantSpec().component(schedule().namespaces("t2").build()).build()))
        .contains(AT + "spec.template.includedNamespaces[1]: names namespace 't2', which is neither created by the"
            + " spec nor declared pre-existing — add Namespace t2 to the spec, or declare it with"
            + " preExistingNamespace(\"t2\") (command line: --pre-existing-namespace t2)");
    assertThat(problems(tenantSpec().component(schedule().namespaces("t2", "t*").build())
        .preExistingNamespace("t2").build())).isEmpty();
  }

  @Test
  void backupChecksItsTemplateToo() {
    assertThat(problems(tenantSpec().component(VeleroBackup.builder().name("b").namespaces("t9")
        .storageLocation("nowhere").build()).build()))
        .contains("ERROR [b] Backup.velero.io velero/b spec.includedNamespaces[0]: names namespace 't9', which is"
            + " neither created by the spec nor declared pre-existing — add Namespace t9 to the spec, or declare it"
            + " with preExistingNamespace(\"t9\") (command line: --pre-existing-namespace t9)")
        .anySatisfy(p -> assertThat(p).startsWith("ERROR [b] Backup.velero.io velero/b spec.storageLocation:"
            + " names BackupStorageLocation 'nowhere'"));
  }

  @Test
  void hookContainerMustExistInTheSelectedPods() {
    VeleroSchedule s = schedule().hook(BackupHook.named("freeze").label("app", "db")
        .pre(ExecHook.in("postgres", "sync").build()).build()).build();
    assertThat(problems(tenantSpec().component(s).build())).containsExactly(AT + "spec.template.hooks.resources[0]"
        + ".pre[0].exec.container: container 'postgres' is not in Deployment t1/db, which the hook selects; its"
        + " containers are [db, metrics] — use one of [db, metrics], or narrow the hook's labelSelector");
  }

  @Test
  void hookThatSelectsNoPodNamesTheContainersThatExist() {
    VeleroSchedule s = schedule().hook(BackupHook.named("freeze").label("app", "postgres")
        .pre(ExecHook.in("db", "sync").build()).build()).build();
    assertThat(problems(tenantSpec().component(s).build())).containsExactly(AT + "spec.template.hooks.resources[0]:"
        + " hook 'freeze' selects no pod of the spec: no workload in every namespace (within the backup's namespaces"
        + " [t1]) has pod labels app=postgres; containers there: db (Deployment t1/db), metrics (Deployment t1/db)"
        + " — fix the hook's labelSelector or includedNamespaces so that it selects the pods to run in");
  }

  @Test
  void hookPodsMustAlsoBeTakenByTheBackup() {
    VeleroSchedule s = schedule().label("app", "web").hook(BackupHook.named("freeze").label("app", "db")
        .pre(ExecHook.in("db", "sync").build()).build()).build();
    assertThat(problems(tenantSpec().component(s).build())).containsExactly(AT + "spec.template.hooks.resources[0]:"
        + " hook 'freeze' runs in no pod: it selects the pods of Deployment t1/db, but the backup leaves them out by"
        + " its spec.template.labelSelector (app=web), and Velero runs a hook only in the pods it backs up — change"
        + " spec.template.labelSelector to take the pods the hook is for, or the hook's labelSelector to select pods"
        + " the backup takes");
  }

  @Test
  void hookExecNeedsACommandAndAGoDurationTimeout() {
    VeleroSchedule s = schedule().hook(BackupHook.named("freeze").label("app", "db")
        .pre(ExecHook.builder().container("db").timeout("5 minutes").build()).build()).build();
    assertThat(problems(tenantSpec().component(s).build())).containsExactly(
        AT + "spec.template.hooks.resources[0].pre[0].exec.command: is empty — give the command to run, such as"
            + " [\"/bin/sh\", \"-c\", \"sync\"]",
        AT + "spec.template.hooks.resources[0].pre[0].exec.timeout: '5 minutes' is not a Go duration: it has an"
            + " unknown unit ' minutes' — write a Go duration such as '30s' (units h, m, s, ms, us, ns)");
  }

  @Test
  void hookNamespacesMustExist() {
    VeleroSchedule s = schedule().hook(BackupHook.named("freeze").namespaces("t1", "t7")
        .pre(ExecHook.in("db", "sync").build()).label("app", "db").build()).build();
    assertThat(problems(tenantSpec().component(s).build())).containsExactly(AT + "spec.template.hooks.resources[0]"
        + ".includedNamespaces[1]: names namespace 't7', which is neither created by the spec nor declared"
        + " pre-existing — add Namespace t7 to the spec, or declare it with preExistingNamespace(\"t7\") (command line: --pre-existing-namespace t7)");
  }

  @Test
  void hookWithoutContainerNeedsOnlyAPod() {
    VeleroSchedule s = schedule().hook(BackupHook.named("freeze").label("app", "db")
        .pre(ExecHook.builder().addCommand("sync").build()).build()).build();
    assertThat(problems(tenantSpec().component(s).build())).isEmpty();
  }

  @Test
  void restoreScheduleMustBeInTheSpec() {
    assertThat(problems(tenantSpec().component(VeleroRestore.fromSchedule("r", "t1-weekly").build()).build()))
        .containsExactly("ERROR [r] Restore.velero.io velero/r spec.scheduleName: names Schedule 't1-weekly', which"
            + " is neither in the spec nor declared pre-existing in namespace velero — add VeleroSchedule.builder()"
            + ".name(\"t1-weekly\")… to the spec, or declare it with preExistingResource(Velero.ref(\"Schedule\","
            + " \"velero\", \"t1-weekly\"))");
    assertThat(problems(tenantSpec().component(VeleroRestore.fromSchedule("r", "t1-weekly").build())
        .preExistingResource(ResourceRef.namespaced("velero.io", "Schedule", "velero", "t1-weekly")).build()))
        .isEmpty();
  }
}
