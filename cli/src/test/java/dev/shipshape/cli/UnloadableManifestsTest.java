package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests with objects that {@code plan} cannot load (a field of the wrong type, no name) are input that cannot
 * be used for every checking command: exit 3 with every problem listed, never a report that passes.
 */
class UnloadableManifestsTest {
  @TempDir
  Path home;

  private Path manifests;

  @BeforeEach
  void writeManifests() throws IOException {
    manifests = Files.createDirectories(home.resolve("manifests"));
    Files.writeString(manifests.resolve("a-list-as-data.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: settings, namespace: shop}\ndata: [1, 2]\n");
    Files.writeString(manifests.resolve("b-nameless.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {namespace: shop}\ndata: {a: b}\n---\napiVersion: apps/v1\nkind: Deployment\n"
        + "metadata: {namespace: shop}\nspec:\n  replicas: many\n");
  }

  private String expectedError() {
    return manifests + " cannot be loaded: 4 errors (each line names the object, the field, the problem and the "
        + "fix)\n"
        + "ERROR ConfigMap shop/settings data: must be a map, not a list — write the value with the type the "
        + "schema gives ('kubectl explain configmap.data' shows it)\n"
        + "ERROR ConfigMap shop/ metadata.name: the object has no name — add metadata.name: Kubernetes needs it to "
        + "create or find the object\n"
        + "ERROR Deployment.apps shop/ metadata.name: the object has no name — add metadata.name: Kubernetes needs "
        + "it to create or find the object\n"
        + "ERROR Deployment.apps shop/ spec.replicas: must be an integer, not a string — write the value with "
        + "the type the schema gives ('kubectl explain deployment.spec.replicas' shows it)\n";
  }

  @Test
  void auditReportsEveryObjectItCannotLoadInsteadOfPassing() {
    CliRunner.Result result = CliRunner.isolated(home).run("audit", manifests.toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.out).isEmpty();
    assertThat(result.err).isEqualTo(expectedError());
  }

  @Test
  void everyCheckingCommandRejectsTheSameObjectsAsPlan() {
    List<String[]> commands = List.of(
        new String[] {"audit", manifests.toString()},
        new String[] {"audit", "--format", "json", manifests.toString()},
        new String[] {"reach", manifests.toString()},
        new String[] {"who-can", "get", "pods", "--rbac", manifests.toString()},
        new String[] {"can-i", "get", "pods", "--as", "alice", "--rbac", manifests.toString()},
        new String[] {"rbac-diff", manifests.toString(), manifests.toString()},
        new String[] {"mesh", "analyze", manifests.toString()});

    for (String[] command : commands) {
      CliRunner.Result result = CliRunner.isolated(home).run(command);

      assertThat(result.exitCode).as(String.join(" ", command) + "\n" + result).isEqualTo(3);
      assertThat(result.out).as(String.join(" ", command)).isEmpty();
      assertThat(result.err).as(String.join(" ", command)).isEqualTo(expectedError());
    }
    assertThat(CliRunner.isolated(home).run("plan", manifests.toString()).exitCode).isEqualTo(3);
  }

  @Test
  void aDocumentThatIsNoKubernetesObjectIsStillLeftToTheCommand() throws IOException {
    Path dir = Files.createDirectories(home.resolve("other"));
    Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n");
    Files.writeString(dir.resolve("settings.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: settings, namespace: shop}\ndata: {a: b}\n");

    CliRunner.Result reach = CliRunner.isolated(home).run("reach", dir.toString());
    CliRunner.Result audit = CliRunner.isolated(home).run("audit", dir.toString());

    assertThat(reach.exitCode).as(reach.toString()).isZero();
    assertThat(reach.err).startsWith("warning: " + dir.resolve("values.yaml") + ", document 1 (line 1): skipped, "
        + "not a Kubernetes object");
    assertThat(audit.exitCode).as(audit.toString()).isEqualTo(3);
    assertThat(audit.err).contains("values.yaml, document 1 (line 1): not a Kubernetes object");
    CliRunner.Result mesh = CliRunner.isolated(home).run("mesh", "analyze", dir.toString());
    assertThat(mesh.exitCode).as(mesh.toString()).isEqualTo(3);
    assertThat(mesh.err).contains("values.yaml, document 1 (line 1): not a Kubernetes object");
  }

  @Test
  void anObjectWithAGenerateNameOnlyHasNoNameForPlanEither() throws IOException {
    Path generated = Files.createDirectories(home.resolve("generated"));
    Files.writeString(generated.resolve("job.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {generateName: settings-, namespace: shop}\ndata: {a: b}\n");

    CliRunner.Result audit = CliRunner.isolated(home).run("audit", generated.toString());

    assertThat(audit.exitCode).as(audit.toString()).isEqualTo(3);
    assertThat(audit.err).contains("ERROR ConfigMap shop/ metadata.name: the object has no name");
    assertThat(CliRunner.isolated(home).run("plan", generated.toString()).exitCode).isEqualTo(3);
  }
}
