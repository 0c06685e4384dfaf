package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static dev.shipshape.backup.RawTemplateRulesTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The label selectors of a Backup's {@code spec} and a Schedule's {@code spec.template} ({@code labelSelector},
 * {@code orLabelSelectors}, each hook's {@code labelSelector}) must be ones the API server takes under Velero's CRDs
 * and Velero can use, raw and built: a selector Velero cannot turn into a query, or an empty one, leaves the backup
 * PartiallyFailed without the resources it lists, such an orLabelSelectors entry stops the backup run, and a hook's
 * makes the backup fail.
 */
class TemplateSelectorRulesTest {
  private static final String BACKUP = "ERROR [resources] Backup.velero.io velero/raw ";
  private static final String SCHEDULE = "ERROR [resources] Schedule.velero.io velero/raw ";
  private static final String BACKUP_LISTS = "; Velero cannot turn the selector into a query and lists resources"
      + " with '<error>' instead, which the API server refuses, so the backup ends PartiallyFailed without them";
  private static final String BACKUP_PANICS = "; Velero cannot turn the selector into a query and keeps a nil"
      + " selector in its place, which its item collector calls for each namespace the backup includes: the backup"
      + " run panics, so the backup never completes; it stays InProgress until the Velero server restarts and marks"
      + " it Failed";
  private static final String SCHEDULE_PANICS = BACKUP_PANICS.replace("so the backup", "so each backup of the"
      + " schedule");
  private static final String OPERATOR_FIX = " — use In, NotIn, Exists or DoesNotExist (capitalized as written)";
  private static final String VALUE_FIX = " — use a label value such as 'db': at most 63 letters, digits, '-', '_'"
      + " or '.'";
  private static final String KEY_FIX = " — use a label key such as 'app' or 'example.com/tier'";
  private static final String KEY_MISSING = " — give the requirement the label key it tests, such as 'app'";
  private static final String OPERATOR_MISSING = " — give the requirement an operator: In, NotIn, Exists or"
      + " DoesNotExist";
  /** A hook whose selector Velero refuses, at {@code hooks} in a spec indented by {@code indent}. */
  private static String freeze(String indent) {
    return indent + "hooks:\n" + indent + "  resources:\n" + indent + "  - name: freeze\n" + indent
        + "    labelSelector: {matchExpressions: [{key: app, operator: Like, values: [db]}]}\n" + indent
        + "    pre: [{exec: {container: nowhere, command: [sync]}}]\n";
  }

  private static List<String> problemsOf(HasMetadata object) {
    return problems(tenantSpec().resource(object).build());
  }

  /**
   * Velero lists with '<error>' for either; for an orLabelSelectors entry its item collector also keeps a nil
   * selector, which it calls on each namespace ({@code collectNamespaces} in {@code pkg/backup/item_collector.go}).
   */
  @Test
  void aRawBackupsSelectorsMustBeOnesVeleroCanListWith() {
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n"
        + "  labelSelector: {matchLabels: {app: -db}, matchExpressions: [{key: tier, operator: In}]}\n")))
        .containsExactly(
            BACKUP + "spec.labelSelector.matchLabels.app: label value '-db' must consist of alphanumerics, '-', '_'"
                + " or '.', starting and ending with an alphanumeric" + BACKUP_LISTS + VALUE_FIX,
            BACKUP + "spec.labelSelector.matchExpressions[0].values: is empty, but In needs at least one value"
                + BACKUP_LISTS + " — list the values to match, or use Exists to match any value");
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  orLabelSelectors:\n"
        + "  - {matchLabels: {app: db}}\n  - {matchExpressions: [{key: tier, operator: exists}]}\n")))
        .containsExactly(BACKUP + "spec.orLabelSelectors[1].matchExpressions[0].operator: 'exists' is not a label"
            + " selector operator" + BACKUP_PANICS + OPERATOR_FIX);
  }

  @Test
  void aRawScheduleTemplatesSelectorsFollowTheSameRuleForEachOfItsBackups() {
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    orLabelSelectors:\n    - {matchLabels: {example.com/bad key: db}}\n")))
        .containsExactly(SCHEDULE + "spec.template.orLabelSelectors[0].matchLabels[example.com/bad key]: label key"
            + " name 'bad key' must consist of alphanumerics, '-', '_' or '.', starting and ending with an"
            + " alphanumeric" + SCHEDULE_PANICS + KEY_FIX);
  }

  /** Velero writes an empty selector as '<none>' when it lists (Velero issue #2083); a hook's empty one is fine. */
  @Test
  void anEmptySelectorOfTheBackupItselfIsAnError() {
    String withoutThem = "ends PartiallyFailed without them — ";
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {}\n  hooks:\n"
        + "    resources:\n    - {name: all, labelSelector: {}, pre: [{exec: {container: db, command: [sync]}}]}\n")))
        .containsExactly(BACKUP + "spec.labelSelector: is empty; Velero lists resources with an empty selector"
            + " written as '<none>', which the API server refuses, so the backup " + withoutThem + "remove"
            + " labelSelector to back up what the other filters take, or give it the labels to match");
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    orLabelSelectors: [{matchLabels: {app: db}}, {}]\n")))
        .containsExactly(SCHEDULE + "spec.template.orLabelSelectors[1]: is empty; Velero lists resources with an"
            + " empty selector written as '<none>', which the API server refuses, so each backup of the schedule "
            + withoutThem + "remove the entry, or give it the labels to match; without orLabelSelectors the backup"
            + " takes what the other filters take");
  }

  /** A hook whose selector Velero refuses fails the backup; which pods it would select is not asked then. */
  @Test
  void aHooksSelectorVeleroRefusesFailsTheBackupAndIsReportedOnce() {
    String fix = " is not a label selector operator; Velero fails each backup of the schedule before it backs up"
        + " anything" + OPERATOR_FIX;
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n" + freeze("    "))))
        .containsExactly(SCHEDULE + "spec.template.hooks.resources[0].labelSelector.matchExpressions[0].operator:"
            + " 'Like'" + fix);
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n" + freeze("  "))))
        .containsExactly(BACKUP + "spec.hooks.resources[0].labelSelector"
            + ".matchExpressions[0].operator: 'Like'" + fix.replace("each backup of the schedule", "the backup"));
  }

  /** Nor when the backup's own selectors are unusable: Velero runs no hook then, either. */
  @Test
  void aHookUnderSelectorsVeleroCannotUseIsNotAskedWhichPodsItSelects() {
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchExpressions:"
        + " [{key: app, operator: NotIn}]}\n  hooks:\n    resources:\n    - name: freeze\n"
        + "      pre: [{exec: {container: nowhere, command: [sync]}}]\n")))
        .containsExactly(BACKUP + "spec.labelSelector.matchExpressions[0].values: is empty, but NotIn needs at"
            + " least one value" + BACKUP_LISTS + " — list the values to leave out, or remove the requirement");
  }

  /**
   * Velero's CRDs prune a null {@code matchLabels} value (its entry goes, which can leave the selector empty) and
   * refuse a null list item, as a dry run against them shows.
   */
  @Test
  void nullsAreReadAsTheApiServerStoresOrRefusesThem() {
    String refused = ": is null; Velero's Backup CRD gives it a type, so the API server refuses the Backup — remove"
        + " the null entry, or write it out";
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  orLabelSelectors: [~]\n  hooks:\n"
        + "    resources:\n    - name: h\n      labelSelector: {matchExpressions: [~, {key: a, operator: In,"
        + " values: [~, x]}]}\n      pre: [{exec: {container: db, command: [sync]}}]\n"))).containsExactly(
            BACKUP + "spec.orLabelSelectors[0]" + refused,
            BACKUP + "spec.hooks.resources[0].labelSelector.matchExpressions[0]" + refused,
            BACKUP + "spec.hooks.resources[0].labelSelector.matchExpressions[1].values[0]" + refused);
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchExpressions:"
        + " [~]}\n"))).containsExactly(BACKUP + "spec.labelSelector.matchExpressions[0]" + refused);
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchLabels: {app:"
        + " ~}}\n  hooks:\n    resources:\n    - name: h\n      labelSelector: {matchLabels: {app: db, tier: ~}}\n"
        + "      pre: [{exec: {container: nowhere, command: [sync]}}]\n"))).containsExactly(
            BACKUP + "spec.labelSelector: is empty; Velero lists resources with an empty selector written as"
                + " '<none>', which the API server refuses, so the backup ends PartiallyFailed without them — remove"
                + " labelSelector to back up what the other filters take, or give it the labels to match");
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  hooks:\n    resources:\n"
        + "    - name: h\n      labelSelector: {matchLabels: {app: db, tier: ~}}\n"
        + "      pre: [{exec: {container: nowhere, command: [sync]}}]\n"))).containsExactly(
            BACKUP + "spec.hooks.resources[0].pre[0].exec.container: container 'nowhere' is not in Deployment t1/db,"
                + " which the hook selects; its containers are [db, metrics] — use one of [db, metrics], or narrow"
                + " the hook's labelSelector");
  }

  /**
   * Velero's CRDs require a requirement's key and operator, so the API server refuses an object without them (or
   * with null, which it prunes); it takes them written empty, and Velero refuses such a selector then.
   */
  @Test
  void anAbsentKeyOrOperatorIsRefusedByTheApiServerAnEmptyOneByVelero() {
    String hook = "  hooks:\n    resources:\n    - name: h\n      labelSelector: {matchExpressions: [{operator:"
        + " Exists}]}\n      pre: [{exec: {container: db, command: [sync]}}]\n";
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchExpressions:"
        + " [{key: app}]}\n" + hook))).containsExactly(
            BACKUP + "spec.labelSelector.matchExpressions[0].operator" + missing("Backup") + OPERATOR_MISSING,
            BACKUP + "spec.hooks.resources[0].labelSelector.matchExpressions[0].key" + missing("Backup")
                + KEY_MISSING);
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    orLabelSelectors: [{matchExpressions: [{key: ~, operator: ~}]}]\n")))
        .containsExactly(
            SCHEDULE + "spec.template.orLabelSelectors[0].matchExpressions[0].key" + missing("Schedule")
                + KEY_MISSING,
            SCHEDULE + "spec.template.orLabelSelectors[0].matchExpressions[0].operator" + missing("Schedule")
                + OPERATOR_MISSING);
    String restore = "ERROR [resources] Restore.velero.io velero/raw ";
    assertThat(problemsOf(raw("Restore", "raw", "  backupName: b-1\n  orLabelSelectors: [{matchExpressions: [{key:"
        + " app, values: [db]}]}]\n  hooks:\n    resources:\n    - name: h\n      labelSelector: {matchExpressions:"
        + " [{operator: DoesNotExist}]}\n"))).containsExactly(
            restore + "spec.orLabelSelectors[0].matchExpressions[0].operator" + missing("Restore") + OPERATOR_MISSING,
            restore + "spec.hooks.resources[0].labelSelector.matchExpressions[0].key" + missing("Restore")
                + KEY_MISSING);
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchExpressions:"
        + " [{key: '', operator: Exists}, {key: app, operator: ''}]}\n"))).containsExactly(
            BACKUP + "spec.labelSelector.matchExpressions[0].key: label key is empty" + BACKUP_LISTS + KEY_FIX,
            BACKUP + "spec.labelSelector.matchExpressions[1].operator: is missing; a requirement needs an operator"
                + BACKUP_LISTS + OPERATOR_FIX);
  }

  private static String missing(String kind) {
    return ": is missing; Velero's " + kind + " CRD requires it, so the API server refuses the " + kind;
  }

  /**
   * Velero runs a hook only in the pods it backs up: when the backup's own selectors leave out every pod the hook
   * selects, the message names those selectors, not the hook's.
   */
  @Test
  void aHookWhosePodsTheBackupsSelectorsLeaveOutNamesThoseSelectors() {
    String rest = ", and Velero runs a hook only in the pods it backs up — change ";
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  labelSelector: {matchExpressions:"
        + " [{key: app, operator: NotIn, values: [db]}]}\n  hooks:\n    resources:\n    - name: h\n"
        + "      labelSelector: {}\n      pre: [{exec: {container: db, command: [sync]}}]\n"))).containsExactly(
            BACKUP + "spec.hooks.resources[0]: hook 'h' runs in no pod: it selects the pods of Deployment t1/db, but"
                + " the backup leaves them out by its spec.labelSelector (app notin (db))" + rest
                + "spec.labelSelector to take the pods the hook is for, or the hook's labelSelector to select pods"
                + " the backup takes");
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    orLabelSelectors: [{matchLabels: {app: web}}, {matchExpressions: [{key:"
        + " tier, operator: In, values: [gold]}]}]\n" + "    hooks:\n      resources:\n      - name: h\n"
        + "        labelSelector: {matchLabels: {app: db}}\n        post: [{exec: {command: [sync]}}]\n")))
        .containsExactly(SCHEDULE + "spec.template.hooks.resources[0]: hook 'h' runs in no pod: it selects the pods"
            + " of Deployment t1/db, but the backup leaves them out by its spec.template.orLabelSelectors (app=web or"
            + " tier in (gold))" + rest + "spec.template.orLabelSelectors to take the pods the hook is for, or the"
            + " hook's labelSelector to select pods the backup takes");
  }

  /** A hook's selector is shown as the API server stores it: without the entries of null values it prunes. */
  @Test
  void aHookThatSelectsNoPodShowsItsSelectorAsStored() {
    assertThat(problemsOf(raw("Backup", "raw", "  includedNamespaces: [t1]\n  hooks:\n    resources:\n"
        + "    - name: h\n      labelSelector: {matchLabels: {app: postgres, tier: ~}}\n"
        + "      pre: [{exec: {command: [sync]}}]\n"))).containsExactly(BACKUP + "spec.hooks.resources[0]: hook 'h'"
            + " selects no pod of the spec: no workload in every namespace (within the backup's namespaces [t1]) has"
            + " pod labels app=postgres; containers there: db (Deployment t1/db), metrics (Deployment t1/db) — fix"
            + " the hook's labelSelector or includedNamespaces so that it selects the pods to run in");
  }

  @Test
  void builtBackupsAndSchedulesGetTheSameRules() {
    VeleroBackup backup = VeleroBackup.builder().name("b").namespaces("t1").label("app", "db_")
        .hook(BackupHook.named("freeze").namespaces("t1").label("-app", "db")
            .pre(ExecHook.in("db", "sync").build()).build())
        .build();
    VeleroSchedule schedule = VeleroSchedule.daily("s").namespaces("t1").orLabelSelector(Map.of("app", "db"))
        .orLabelSelector(Map.of()).build();
    assertThat(problems(tenantSpec().component(backup, schedule).build())).containsExactly(
        "ERROR [s] Schedule.velero.io velero/s spec.template.orLabelSelectors[1]: is empty; Velero lists resources"
            + " with an empty selector written as '<none>', which the API server refuses, so each backup of the"
            + " schedule ends PartiallyFailed without them — remove the entry, or give it the labels to match;"
            + " without orLabelSelectors the backup takes what the other filters take",
        "ERROR [b] Backup.velero.io velero/b spec.labelSelector.matchLabels.app: label value 'db_' must consist of"
            + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + BACKUP_LISTS
            + VALUE_FIX,
        "ERROR [b] Backup.velero.io velero/b spec.hooks.resources[0].labelSelector.matchLabels.-app: label key name"
            + " '-app' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric;"
            + " Velero fails the backup before it backs up anything" + KEY_FIX);
  }
}
