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
 * {@code orLabelSelectors}, each hook's {@code labelSelector}) must be ones Velero can use, raw and built: a
 * selector Velero cannot turn into a query, or an empty one, leaves the backup without the resources it lists, and a
 * hook's makes the backup fail.
 */
class TemplateSelectorRulesTest {
  private static final String BACKUP = "ERROR [resources] Backup.velero.io velero/raw ";
  private static final String SCHEDULE = "ERROR [resources] Schedule.velero.io velero/raw ";
  private static final String BACKUP_LISTS = "; Velero cannot turn the selector into a query and lists resources"
      + " with '<error>' instead, which the API server refuses, so the backup takes none of them";
  private static final String SCHEDULE_LISTS = BACKUP_LISTS.replace("the backup", "each backup of the schedule");
  private static final String OPERATOR_FIX = " — use In, NotIn, Exists or DoesNotExist (capitalized as written)";
  private static final String VALUE_FIX = " — use a label value such as 'db': at most 63 letters, digits, '-', '_'"
      + " or '.'";
  private static final String KEY_FIX = " — use a label key such as 'app' or 'example.com/tier'";
  /** A hook whose selector Velero refuses, at {@code hooks} in a spec indented by {@code indent}. */
  private static String freeze(String indent) {
    return indent + "hooks:\n" + indent + "  resources:\n" + indent + "  - name: freeze\n" + indent
        + "    labelSelector: {matchExpressions: [{key: app, operator: Like, values: [db]}]}\n" + indent
        + "    pre: [{exec: {container: nowhere, command: [sync]}}]\n";
  }

  private static List<String> problemsOf(HasMetadata object) {
    return problems(tenantSpec().resource(object).build());
  }

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
            + " selector operator" + BACKUP_LISTS + OPERATOR_FIX);
  }

  @Test
  void aRawScheduleTemplatesSelectorsFollowTheSameRuleForEachOfItsBackups() {
    assertThat(problemsOf(raw("Schedule", "raw", "  schedule: '0 2 * * *'\n  template:\n"
        + "    includedNamespaces: [t1]\n    orLabelSelectors:\n    - {matchLabels: {example.com/bad key: db}}\n")))
        .containsExactly(SCHEDULE + "spec.template.orLabelSelectors[0].matchLabels[example.com/bad key]: label key"
            + " name 'bad key' must consist of alphanumerics, '-', '_' or '.', starting and ending with an"
            + " alphanumeric" + SCHEDULE_LISTS + KEY_FIX);
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
