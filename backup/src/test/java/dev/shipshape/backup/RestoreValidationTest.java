package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules for restores. */
class RestoreValidationTest {
  private static final String AT = "ERROR [r] Restore.velero.io velero/r ";

  @Test
  void needsExactlyOneSource() {
    assertThat(problems(tenantSpec().component(VeleroRestore.builder().name("r").build()).build()))
        .containsExactly(AT + "spec.backupName: and scheduleName are both unset; Velero needs a backup or a schedule"
            + " to restore from — set exactly one of backupName and scheduleName");
    assertThat(problems(tenantSpec().component(VeleroSchedule.daily("d").namespaces("t1").build(),
        VeleroRestore.fromBackup("r", "b-1").scheduleName("d").build()).build()))
        .containsExactly(AT + "spec.backupName: is set together with scheduleName; Velero takes exactly one source"
            + " — set exactly one of backupName and scheduleName");
  }

  @Test
  void namespaceMappingTargetMustBeANamespaceName() {
    assertThat(problems(tenantSpec().component(VeleroRestore.fromBackup("r", "b-1").mapNamespace("t1", "T1_Copy")
        .build()).build())).containsExactly(AT + "spec.namespaceMapping.t1: target namespace 'T1_Copy' is not a"
        + " DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit) — map to"
        + " a valid namespace name, such as 't1-restored'");
  }

  @Test
  void resourcesVeleroNeverRestoresCannotBeIncluded() {
    assertThat(problems(tenantSpec().component(VeleroRestore.fromBackup("r", "b-1")
        .addIncludedResources("deployments", "nodes", "restores.velero.io").build()).build())).containsExactly(
        AT + "spec.includedResources: 'nodes' is a resource Velero never restores; it fails the validation of a"
            + " restore that includes it — remove 'nodes' from includedResources",
        AT + "spec.includedResources: 'restores.velero.io' is a resource Velero never restores; it fails the"
            + " validation of a restore that includes it — remove 'restores.velero.io' from includedResources");
  }

  @Test
  void filtersAndSelectorsFollowVelerosRules() {
    assertThat(problems(tenantSpec().component(VeleroRestore.fromBackup("r", "b-1").namespaces("t1")
        .addExcludedNamespaces("t1").addExcludedResources("*").putLabelSelector("app", "db")
        .orLabelSelector(Map.of("app", "web")).build()).build())).containsExactly(
        AT + "spec.excludedNamespaces: 't1' is both included and excluded — remove 't1' from includedNamespaces or"
            + " from excludedNamespaces",
        AT + "spec.excludedResources: contains '*'; Velero does not accept '*' in an exclude list — remove '*'; to"
            + " take nothing, narrow includedResources instead",
        AT + "spec.orLabelSelectors: is set together with labelSelector; Velero takes only one of them — move the"
            + " labelSelector's labels into each orLabelSelectors entry, or drop orLabelSelectors");
  }
}
