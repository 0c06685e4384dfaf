package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static dev.shipshape.backup.RawTemplateRulesTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Velero's restore rules hold for a Restore given as raw YAML as they do for a built {@code VeleroRestore}, and a
 * built one reports each problem once, under its component.
 */
class RawRestoreRulesTest {
  private static final String AT = "ERROR [resources] Restore.velero.io velero/raw ";

  private static List<String> problemsOf(String spec) {
    return problems(tenantSpec().resource(raw("Restore", "raw", spec)).build());
  }

  @Test
  void aRawRestoreNeedsExactlyOneSource() {
    assertThat(problemsOf("  includedNamespaces: [t1]\n  backupName: ''\n")).containsExactly(AT + "spec.backupName:"
        + " and scheduleName are both unset; Velero needs a backup or a schedule to restore from — set exactly one of"
        + " backupName and scheduleName");
    assertThat(problems(tenantSpec().component(VeleroSchedule.daily("d").namespaces("t1").build())
        .resource(raw("Restore", "raw", "  backupName: b-1\n  scheduleName: d\n")).build())).containsExactly(AT
        + "spec.backupName: is set together with scheduleName; Velero takes exactly one source — set exactly one of"
        + " backupName and scheduleName");
  }

  @Test
  void theScheduleOfARawRestoreMustBeInTheSpec() {
    assertThat(problemsOf("  scheduleName: t1-weekly\n")).containsExactly(AT + "spec.scheduleName: names Schedule"
        + " 't1-weekly', which is neither in the spec nor declared pre-existing in namespace velero — add"
        + " VeleroSchedule.builder().name(\"t1-weekly\")… to the spec, or declare it with"
        + " preExistingResource(Velero.ref(\"Schedule\", \"velero\", \"t1-weekly\"))");
  }

  @Test
  void rawFiltersSelectorsAndMappingFollowVelerosRules() {
    assertThat(problemsOf("  backupName: b-1\n  includedNamespaces: [t1]\n  excludedNamespaces: [t1]\n"
        + "  includedResources: [nodes, '*']\n  excludedResources: ['*']\n  labelSelector: {matchLabels: {a: b}}\n"
        + "  orLabelSelectors: [{matchLabels: {c: d}}]\n  namespaceMapping: {t1: T1_Copy}\n")).containsExactly(
        AT + "spec.excludedNamespaces: 't1' is both included and excluded — remove 't1' from includedNamespaces or"
            + " from excludedNamespaces",
        AT + "spec.includedResources: lists '*' together with other entries [nodes, *]; Velero takes '*' only alone"
            + " — use '*' alone to include everything, or list the entries without '*'",
        AT + "spec.excludedResources: contains '*'; Velero does not accept '*' in an exclude list — remove '*'; to"
            + " take nothing, narrow includedResources instead",
        AT + "spec.includedResources: 'nodes' is a resource Velero never restores; it fails the validation of a"
            + " restore that includes it — remove 'nodes' from includedResources",
        AT + "spec.orLabelSelectors: is set together with labelSelector; Velero takes only one of them — move the"
            + " labelSelector's labels into each orLabelSelectors entry, or drop orLabelSelectors",
        AT + "spec.namespaceMapping.t1: target namespace 'T1_Copy' is not a DNS-1123 label (lower-case letters,"
            + " digits and '-', starting and ending with a letter or digit) — map to a valid namespace name, such as"
            + " 't1-restored'");
  }

  @Test
  void theExistingResourcePolicyAndTheOperationTimeoutAreWhatVeleroReads() {
    assertThat(problemsOf("  backupName: b-1\n  existingResourcePolicy: Update\n  itemOperationTimeout: 4 hours\n"))
        .containsExactly(
            AT + "spec.existingResourcePolicy: 'Update' is neither 'none' nor 'update', the only policies Velero"
                + " takes; it fails the validation of such a restore — write 'none' to keep objects that exist"
                + " already or 'update' to update them (lower case), or leave it unset",
            AT + "spec.itemOperationTimeout: '4 hours' is not a Go duration: it has an unknown unit ' hours' —"
                + " write a Go duration such as '4h0m0s' (units h, m, s, ms, us, ns)");
  }

  @Test
  void restoreHooksNeedACommandKnownValuesAndGoDurations() {
    String hooks = "  backupName: b-1\n  hooks:\n    resources:\n    - name: warm\n      includedNamespaces: [t1]\n"
        + "      postHooks:\n      - exec: {container: db, command: [], onError: Sometimes, execTimeout: 1 minute,"
        + " waitTimeout: -5m}\n      - init:\n          timeout: 2d\n          initContainers:\n"
        + "          - {name: restore-ok, image: 'busybox:1', command: [sh]}\n          - {name: prep}\n";
    String at = AT + "spec.hooks.resources[0].postHooks";
    assertThat(problemsOf(hooks)).containsExactly(
        at + "[0].exec.command: is empty — give the command to run, such as [\"/bin/sh\", \"-c\", \"sync\"]",
        at + "[0].exec.onError: 'Sometimes' is neither 'Continue' nor 'Fail'; the API server refuses the Restore"
            + " under Velero's CRD — write Continue or Fail",
        at + "[0].exec.execTimeout: '1 minute' is not a Go duration: it has an unknown unit ' minute' — write a Go"
            + " duration such as '30s' (units h, m, s, ms, us, ns)",
        at + "[0].exec.waitTimeout: '-5m' is negative — write a positive duration such as '5m', or 0s for Velero's"
            + " default",
        at + "[1].init.initContainers[1]: has no image, command; Velero fails the validation of a restore whose init"
            + " hook container lacks a name, an image or a command — give the container image, command",
        at + "[1].init.timeout: '2d' is not a Go duration: it has an unknown unit 'd' — write a Go duration such as"
            + " '5m' (units h, m, s, ms, us, ns)");
  }

  @Test
  void aHookEntryNeedsANameAndSelectorsVeleroCanUse() {
    String hooks = "  backupName: b-1\n  hooks:\n    resources:\n    - includedNamespaces: [t1]\n"
        + "      labelSelector:\n        matchLabels: {example.com/tier: db, app: 'no way'}\n"
        + "        matchExpressions:\n        - {key: app, operator: in, values: [db]}\n"
        + "        - {key: app, operator: In}\n        - {key: app, operator: Exists, values: [db]}\n"
        + "        - {key: 'bad key', operator: NotIn, values: [db, -x]}\n    - name: ''\n";
    String at = AT + "spec.hooks.resources[0]";
    String invalid = "; Velero fails the validation of such a restore";
    assertThat(problemsOf(hooks)).containsExactly(
        at + ".name: is missing; Velero's Restore CRD requires it, so the API server refuses the Restore — name"
            + " the entry after what its hooks do, such as 'warm-cache'",
        at + ".labelSelector.matchLabels.app: label value 'no way' must consist of alphanumerics, '-', '_' or '.',"
            + " starting and ending with an alphanumeric" + invalid + " — use a label value such as 'db': at most"
            + " 63 letters, digits, '-', '_' or '.'",
        at + ".labelSelector.matchExpressions[0].operator: 'in' is not a label selector operator" + invalid
            + " — use In, NotIn, Exists or DoesNotExist (capitalized as written)",
        at + ".labelSelector.matchExpressions[1].values: is empty, but In needs at least one value" + invalid
            + " — list the values to match, or use Exists to match any value",
        at + ".labelSelector.matchExpressions[2].values: lists [db], but Exists takes no values" + invalid
            + " — remove values, or use In to match these values",
        at + ".labelSelector.matchExpressions[3].key: label key name 'bad key' must consist of alphanumerics, '-',"
            + " '_' or '.', starting and ending with an alphanumeric" + invalid + " — use a label key such as 'app'"
            + " or 'example.com/tier'",
        at + ".labelSelector.matchExpressions[3].values[1]: label value '-x' must consist of alphanumerics, '-',"
            + " '_' or '.', starting and ending with an alphanumeric" + invalid + " — use a label value such as"
            + " 'db': at most 63 letters, digits, '-', '_' or '.'",
        "WARNING [resources] Restore.velero.io velero/raw spec.hooks.resources[1].name: is empty, which leaves the"
            + " hooks unnamed in Velero's logs and in 'velero restore describe' — name the entry after what its"
            + " hooks do, such as 'warm-cache'");
  }

  @Test
  void theRestoresOwnSelectorsMustBeUsableAndAnEmptyOrListCounts() {
    String restoreFails = "; Velero's restore fails with this error before it restores anything";
    assertThat(problemsOf("  backupName: b-1\n  labelSelector: {matchLabels: {app: db}}\n  orLabelSelectors: []\n"))
        .containsExactly(AT + "spec.orLabelSelectors: is set together with labelSelector; Velero takes only one of"
            + " them — move the labelSelector's labels into each orLabelSelectors entry, or drop orLabelSelectors");
    assertThat(problemsOf("  backupName: b-1\n  labelSelector: {matchExpressions: [{key: app, operator: Gt,"
        + " values: ['1']}]}\n")).containsExactly(AT + "spec.labelSelector.matchExpressions[0].operator: 'Gt' is not"
            + " a label selector operator" + restoreFails + " — use In, NotIn, Exists or DoesNotExist (capitalized"
            + " as written)");
    assertThat(problemsOf("  backupName: b-1\n  orLabelSelectors:\n  - {matchLabels: {app: db}}\n"
        + "  - {matchLabels: {a.b/c/d: db}}\n")).containsExactly(AT + "spec.orLabelSelectors[1].matchLabels[a.b/c/d]:"
            + " label key name 'c/d' must consist of alphanumerics, '-', '_' or '.', starting and ending with an"
            + " alphanumeric" + restoreFails + " — use a label key such as 'app' or 'example.com/tier'");
    // An empty entry selects everything in a Restore (LabelSelectorAsSelector), unlike a null one.
    assertThat(problemsOf("  backupName: b-1\n  orLabelSelectors: [~, {}]\n")).containsExactly(AT
        + "spec.orLabelSelectors[0]: is null; Velero's Restore CRD gives it a type, so the API server refuses the"
        + " Restore — remove the null entry, or write it out");
  }

  @Test
  void aBuiltRestoreWithALabelSelectorWritesNoEmptyOrList() {
    assertThat(problems(tenantSpec().component(VeleroRestore.fromBackup("r", "b-1").namespaces("t1")
        .putLabelSelector("app", "db").build()).build())).isEmpty();
  }

  @Test
  void anInitContainerIsReadOnItsOwnAsVeleroReadsIt() {
    String hooks = "  backupName: b-1\n  existingResourcePolicy: Update\n  hooks:\n    resources:\n"
        + "    - name: warm\n      postHooks:\n      - init:\n          initContainers:\n"
        + "          - {name: a, image: b, command: [c], ports: 80}\n          - {name: prep}\n";
    assertThat(problemsOf(hooks)).containsExactly(
        AT + "spec.existingResourcePolicy: 'Update' is neither 'none' nor 'update', the only policies Velero"
            + " takes; it fails the validation of such a restore — write 'none' to keep objects that exist"
            + " already or 'update' to update them (lower case), or leave it unset",
        AT + "spec.hooks.resources[0].postHooks[0].init.initContainers[0]: is not a container: its field ports does"
            + " not have the type a Kubernetes container gives it; Velero cannot read the container and fails the"
            + " validation of the restore — write the container as a pod's containers are written ('kubectl"
            + " explain pod.spec.initContainers' shows each field's type)",
        AT + "spec.hooks.resources[0].postHooks[0].init.initContainers[1]: has no image, command; Velero fails the"
            + " validation of a restore whose init hook container lacks a name, an image or a command — give the"
            + " container image, command");
  }

  @Test
  void aMappingNeedsATargetAndKeysWithDotsAreBracketed() {
    assertThat(problemsOf("  backupName: b-1\n  namespaceMapping: {t1: null, a.b: A_B}\n")).containsExactly(
        AT + "spec.namespaceMapping.t1: has no target namespace; Velero would restore namespace 't1' into a"
            + " namespace without a name — map 't1' to the namespace to restore into, such as 't1-restored', or"
            + " remove the entry",
        AT + "spec.namespaceMapping[a.b]: target namespace 'A_B' is not a DNS-1123 label (lower-case letters,"
            + " digits and '-', starting and ending with a letter or digit) — map to a valid namespace name, such"
            + " as 'a.b-restored'");
  }

  @Test
  void theResourceModifierConfigMapMustBeInTheSpecOrPreExisting() {
    assertThat(problemsOf("  backupName: b-1\n  resourceModifier: {kind: ConfigMap, name: patches}\n"))
        .containsExactly(AT + "spec.resourceModifier.name: names ConfigMap 'patches', which is neither in the spec"
            + " nor declared pre-existing in namespace velero; Velero fails the validation of a restore whose"
            + " resource modifiers it cannot read — add ConfigMap velero/patches to the spec, or declare it with"
            + " preExistingResource(ResourceRef.core(\"ConfigMap\", \"velero\", \"patches\"))");
    assertThat(problems(tenantSpec().resource(raw("Restore", "raw", "  backupName: b-1\n"
        + "  resourceModifier: {kind: configmap, name: patches}\n"))
        .preExistingResource(ResourceRef.core("ConfigMap", "velero", "patches")).build())).isEmpty();
  }

  @Test
  void aRawRestoreFieldOfTheWrongTypeIsOneError() {
    assertThat(problemsOf("  restorePVs: 'yes'\n  existingResourcePolicy: Update\n")).containsExactly(AT
        + "spec.restorePVs: does not have the type that Velero's Restore CRD gives it, so the API server refuses the"
        + " Restore and its other fields are not checked here — write the value as the CRD types it ('kubectl"
        + " explain restores.spec.restorePVs --api-version=velero.io/v1' shows the type), such as true or false,"
        + " unquoted, for a boolean");
  }

  @Test
  void aCleanRawRestoreHasNoProblem() {
    HasMetadata restore = raw("Restore", "raw", "  scheduleName: d\n  includedNamespaces: [t1]\n"
        + "  excludedResources: [secrets]\n  orLabelSelectors: [{matchLabels: {app: db}}]\n"
        + "  namespaceMapping: {t1: t1-copy}\n  existingResourcePolicy: update\n  itemOperationTimeout: 4h0m0s\n"
        + "  restorePVs: true\n  hooks:\n    resources:\n    - name: warm\n      postHooks:\n"
        + "      - exec: {container: db, command: [sh, -c, 'true'], onError: Fail, execTimeout: 30s}\n");
    assertThat(problems(tenantSpec().component(VeleroSchedule.daily("d").namespaces("t1").build())
        .resource(restore).build())).isEmpty();
  }

  @Test
  void aBuiltRestoreReportsEachProblemOnceUnderItsComponent() {
    VeleroRestore restore = VeleroRestore.fromBackup("r", "b-1").scheduleName("missing").namespaces("t1")
        .addExcludedNamespaces("t1").build();
    assertThat(problems(tenantSpec().component(restore).build()))
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("ERROR [r] Restore.velero.io velero/r spec.backupName",
            "ERROR [r] Restore.velero.io velero/r spec.scheduleName",
            "ERROR [r] Restore.velero.io velero/r spec.excludedNamespaces");
  }
}
