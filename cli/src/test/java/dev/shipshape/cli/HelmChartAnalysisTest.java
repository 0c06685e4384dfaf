package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chart's objects are in the plan, so audit, RBAC analysis and backup checks of a spec see them. */
class HelmChartAnalysisTest {
  @TempDir Path home;

  private Path spec;

  private void write(String path, String text) throws IOException {
    Path file = home.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** An operator chart that asks for every permission on the whole cluster and brings a Velero Schedule. */
  @BeforeEach
  void chartAndSpec() throws IOException {
    write("charts/operator/Chart.yaml", "apiVersion: v2\nname: operator\nversion: 1.0.0\n");
    write("charts/operator/templates/rbac.yaml", String.join("\n",
        "apiVersion: v1",
        "kind: ServiceAccount",
        "metadata:",
        "  name: {{ .Release.Name }}",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRole",
        "metadata:",
        "  name: {{ .Release.Name }}",
        "rules:",
        "- apiGroups: [\"*\"]",
        "  resources: [\"*\"]",
        "  verbs: [\"*\"]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: ClusterRoleBinding",
        "metadata:",
        "  name: {{ .Release.Name }}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{ .Release.Name }}}",
        "subjects:",
        "- kind: ServiceAccount",
        "  name: {{ .Release.Name }}",
        "  namespace: {{ .Release.Namespace }}",
        ""));
    write("charts/operator/templates/schedule.yaml", String.join("\n",
        "apiVersion: velero.io/v1",
        "kind: Schedule",
        "metadata:",
        "  name: {{ .Release.Name }}-nightly",
        "  namespace: velero",
        "spec:",
        "  schedule: \"0 3 * * *\"",
        "  template:",
        "    includedNamespaces: [{{ .Release.Namespace }}]",
        ""));
    write("operators.jsh", String.join("\n",
        "ClusterSpec spec = ClusterSpec.builder()",
        "    .name(\"operators\")",
        "    .kubernetesVersion(\"1.33\")",
        "    .resource(new NamespaceBuilder().withNewMetadata().withName(\"operators\").endMetadata().build(),",
        "        new NamespaceBuilder().withNewMetadata().withName(\"velero\").endMetadata().build())",
        "    .preExistingCrd(\"schedules.velero.io\")",
        "    .component(HelmChart.directory(scriptDir.resolve(\"charts/operator\"))",
        "        .release(\"operator\").namespace(\"operators\").build())",
        "    .build();",
        ""));
    spec = home.resolve("operators.jsh");
  }

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(home).run(args);
  }

  @Test
  void auditFindsTheChartsWildcardClusterRole() {
    CliRunner.Result result = run("audit", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out.lines()).anyMatch(l -> l.startsWith("HIGH rbac-risky-permission ")
        && l.contains("operator"));
  }

  @Test
  void canIAnswersForTheChartsServiceAccountThroughTheChartsBinding() {
    CliRunner.Result yes = run("can-i", "delete", "secrets", "-n", "kube-system", "--as",
        "system:serviceaccount:operators:operator", "--rbac", spec.toString(), "--explain");
    CliRunner.Result no = run("can-i", "delete", "secrets", "-n", "kube-system", "--as",
        "system:serviceaccount:operators:default", "--rbac", spec.toString());

    assertThat(yes.exitCode).as(yes.toString()).isZero();
    assertThat(yes.out).startsWith("yes").contains("allowed by ClusterRoleBinding.rbac.authorization.k8s.io operator -> ClusterRole.rbac.authorization.k8s.io operator");
    assertThat(no.exitCode).as(no.toString()).isEqualTo(1);
  }

  @Test
  void backupCheckCountsTheChartsVeleroSchedule() {
    CliRunner.Result result = run("backup", "check", spec.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("INFO backup-spec: ClusterSpec operators: valid, with 1 Velero object\n");
  }
}
