package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The template rules (filters, label selectors, location and namespace references, hooks) hold for a Schedule's
 * {@code spec.template} and a Backup's {@code spec} given as raw YAML as they do for built ones, each once.
 */
class RawTemplateRulesTest {
  private static final String SCHEDULE = "ERROR [resources] Schedule.velero.io velero/raw ";
  private static final String BACKUP = "ERROR [resources] Backup.velero.io velero/raw ";

  /** Velero object velero/{@code name} of {@code kind} with {@code spec} (the lines under {@code spec:}). */
  static HasMetadata raw(String kind, String name, String spec) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: " + kind + "\nmetadata:\n  name: " + name
        + "\n  namespace: velero\nspec:\n" + spec).get(0);
  }

  private static List<String> problemsOf(HasMetadata... objects) {
    return problems(tenantSpec().resource(objects).build());
  }

  @Test
  void aRawScheduleTemplateGetsTheFilterReferenceAndHookRules() {
    HasMetadata schedule = raw("Schedule", "raw", "  schedule: '15 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1, t9]\n    excludedNamespaces: ['*']\n    storageLocation: missing\n"
        + "    hooks:\n      resources:\n      - name: freeze\n        includedNamespaces: [t1]\n"
        + "        labelSelector:\n          matchExpressions:\n          - {key: app, operator: In, values: [db]}\n"
        + "        pre:\n        - exec: {container: postgres, command: [sync]}\n");
    assertThat(problemsOf(schedule)).containsExactly(
        SCHEDULE + "spec.template.excludedNamespaces: contains '*'; Velero does not accept '*' in an exclude list"
            + " — remove '*'; to take nothing, narrow includedNamespaces instead",
        SCHEDULE + "spec.template.storageLocation: names BackupStorageLocation 'missing', which is neither in the"
            + " spec nor declared pre-existing in namespace velero — add BackupStorageLocation.builder()"
            + ".name(\"missing\")… to the spec, or declare it with preExistingResource(Velero.ref("
            + "\"BackupStorageLocation\", \"velero\", \"missing\"))",
        SCHEDULE + "spec.template.includedNamespaces[1]: names namespace 't9', which is neither created by the spec"
            + " nor declared pre-existing — add Namespace t9 to the spec, or declare it with"
            + " preExistingNamespace(\"t9\") (command line: --pre-existing-namespace t9)",
        SCHEDULE + "spec.template.hooks.resources[0]: hook 'freeze' selects no pod of the spec: no workload in"
            + " namespaces [t1] (within the backup's namespaces [t1, t9] except [*]) has pod labels app in (db);"
            + " the spec has no workloads there — fix the hook's labelSelector or includedNamespaces so that it"
            + " selects the pods to run in");
  }

  @Test
  void aRawHookMatchExpressionSelectsThePodsItsContainerMustBeIn() {
    HasMetadata schedule = raw("Schedule", "raw", "  schedule: '15 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    hooks:\n      resources:\n      - name: freeze\n"
        + "        labelSelector:\n          matchExpressions:\n          - {key: app, operator: In, values: [db]}\n"
        + "          - {key: tier, operator: DoesNotExist}\n"
        + "        post:\n        - exec: {container: postgres, command: [sync], timeout: 5 minutes}\n");
    assertThat(problemsOf(schedule)).containsExactly(
        SCHEDULE + "spec.template.hooks.resources[0].post[0].exec.timeout: '5 minutes' is not a Go duration: it"
            + " has an unknown unit ' minutes' — write a Go duration such as '30s' (units h, m, s, ms, us, ns)",
        SCHEDULE + "spec.template.hooks.resources[0].post[0].exec.container: container 'postgres' is not in"
            + " Deployment t1/db, which the hook selects; its containers are [db, metrics] — use one of"
            + " [db, metrics], or narrow the hook's labelSelector");
  }

  @Test
  void aRawBackupGetsTheTemplateRulesAndItsTtl() {
    HasMetadata backup = raw("Backup", "raw", "  includedNamespaces: [t1]\n  ttl: 30d\n"
        + "  labelSelector: {matchLabels: {a: b}}\n  orLabelSelectors: [{matchLabels: {c: d}}]\n"
        + "  volumeSnapshotLocations: [ebs]\n  includedResources: [pods]\n"
        + "  includedNamespaceScopedResources: [secrets]\n");
    assertThat(problemsOf(backup)).containsExactly(
        BACKUP + "spec: mixes the old resource filters (includedResources, excludedResources,"
            + " includeClusterResources) with the new ones (included/excludedClusterScopedResources,"
            + " included/excludedNamespaceScopedResources); Velero rejects such a backup — use one style: the new"
            + " scoped lists, or the old three attributes",
        BACKUP + "spec.orLabelSelectors: is set together with labelSelector; Velero takes only one of them — move"
            + " the labelSelector's labels into each orLabelSelectors entry, or drop orLabelSelectors",
        BACKUP + "spec.volumeSnapshotLocations[0]: names VolumeSnapshotLocation 'ebs', which is neither in the spec"
            + " nor declared pre-existing in namespace velero — add VolumeSnapshotLocation.builder().name(\"ebs\")…"
            + " to the spec, or declare it with preExistingResource(Velero.ref(\"VolumeSnapshotLocation\","
            + " \"velero\", \"ebs\"))",
        BACKUP + "spec.ttl: '30d' is not a Go duration: it has an unknown unit 'd' — write a Go duration such as"
            + " '720h0m0s' (units h, m, s, ms, us, ns)");
  }

  @Test
  void anEmptyOrListCountsInABackupButNotInAScheduleTemplate() {
    String selectors = "labelSelector: {matchLabels: {app: db}}\n  orLabelSelectors: []\n";
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  " + selectors))).containsExactly(
        BACKUP + "spec.orLabelSelectors: is set together with labelSelector; Velero takes only one of them — move"
            + " the labelSelector's labels into each orLabelSelectors entry, or drop orLabelSelectors");
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '15 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    " + selectors.replace("\n  ", "\n    ")))).isEmpty();
  }

  @Test
  void aRawBackupToAReadOnlyDefaultLocationIsAnError() {
    HasMetadata readOnly = raw("BackupStorageLocation", "archive", "  provider: aws\n  default: true\n"
        + "  accessMode: ReadOnly\n  objectStorage: {bucket: archive}\n  config: {region: us-east-1}\n");
    List<String> problems = problems(ClusterSpec.builder().name("prod")
        .resource(TestManifests.namespace("velero"), readOnly, raw("Backup", "raw", "  ttl: 1h\n"))
        .preExistingCrd(Velero.CRDS).build());
    assertThat(problems).containsExactly(BACKUP + "spec.storageLocation: is unset, so backups go to the default"
        + " BackupStorageLocation 'archive', which is ReadOnly: Velero fails the validation of every backup to it"
        + " — write to a ReadWrite location, or make 'archive' ReadWrite");
  }

  @Test
  void aRawBackupFieldOfTheWrongTypeIsOneError() {
    assertThat(problemsOf(raw("Backup", "raw", "  snapshotVolumes: 'yes'\n  storageLocation: missing\n")))
        .containsExactly(BACKUP + "spec.snapshotVolumes: does not have the type that Velero's Backup CRD gives it,"
            + " so the API server refuses the Backup and its other fields are not checked here — write the value as"
            + " the CRD types it ('kubectl explain backups.spec.snapshotVolumes --api-version=velero.io/v1' shows"
            + " the type), such as true or false, unquoted, for a boolean");
  }

  @Test
  void aWrongTypeInAListNamesTheFieldByIndexAndExplainsItWithoutIndexes() {
    // kubectl explain takes a path of field names only: spec.hooks.resources[0].labelSelector is not one.
    assertThat(problemsOf(raw("Backup", "raw", "  hooks:\n    resources:\n    - name: h\n      labelSelector: app\n")))
        .containsExactly(BACKUP + "spec.hooks.resources[0].labelSelector: does not have the type that Velero's Backup"
            + " CRD gives it, so the API server refuses the Backup and its other fields are not checked here — write"
            + " the value as the CRD types it ('kubectl explain backups.spec.hooks.resources.labelSelector"
            + " --api-version=velero.io/v1' shows the type), such as true or false, unquoted, for a boolean");
  }

  @Test
  void builtSchedulesAndBackupsReportEachTemplateProblemOnceUnderTheirComponent() {
    VeleroSchedule schedule = VeleroSchedule.daily("d").namespaces("t1").addExcludedNamespaces("*")
        .storageLocation("missing").build();
    VeleroBackup backup = VeleroBackup.builder().name("b").namespaces("t1").addExcludedNamespaces("*").build();
    assertThat(problems(tenantSpec().component(schedule, backup).build()))
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("ERROR [d] Schedule.velero.io velero/d spec.template.excludedNamespaces",
            "ERROR [d] Schedule.velero.io velero/d spec.template.storageLocation",
            "ERROR [b] Backup.velero.io velero/b spec.excludedNamespaces");
  }
}
