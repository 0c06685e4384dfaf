package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example specs of the repository, run through the real commands. */
class ExamplesTest {
  @TempDir
  Path home;

  static Path example(String name) {
    String dir = System.getProperty("shipshape.examples.dir");
    assertThat(dir).as("the build sets shipshape.examples.dir to the examples/specs folder").isNotNull();
    Path file = Path.of(dir).resolve(name);
    assertThat(file).exists();
    return file;
  }

  @ParameterizedTest
  @CsvSource({
      "minimal.jsh, 'Plan minimal for Kubernetes 1.33: 2 resources in 2 waves'",
      "static-yaml.jsh, 'Plan static-yaml for Kubernetes 1.33: 5 resources in 3 waves'",
      "production.jsh, 'Plan production for Kubernetes 1.33: 26 resources in 3 waves'"})
  void everyExamplePlans(String script, String headline) {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example(script).toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains(headline);
    assertThat(result.err).isEmpty();
  }

  @Test
  void productionHasTheTenantBuildingBlocksPerTeam() {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example("production.jsh").toString());

    for (String tenant : List.of("shop", "payments")) {
      assertThat(result.out).contains(
          "ResourceQuota                                 " + tenant + "/tenant-quota",
          "NetworkPolicy.networking.k8s.io               " + tenant + "/default-deny-all",
          "Deployment.apps                               " + tenant + "/web",
          "PodDisruptionBudget.policy                    " + tenant + "/web");
    }
    assertThat(result.out).contains("wave 0: 3 objects (2 Namespace, 1 ClusterRole.rbac.authorization.k8s.io)");
  }

  @Test
  void staticYamlMixesTheManifestsWithTheScriptsObjects() {
    CliRunner.Result result = CliRunner.isolated(home).run("plan", example("static-yaml.jsh").toString());

    assertThat(result.out).contains(
        "0     Namespace                   cache               resources",
        "1     ConfigMap                   cache/redis-config  resources",
        "2     Deployment.apps             cache/redis         resources");
  }

  @Test
  void theManifestsAloneLackTheConfigMapThatTheScriptAdds() {
    Path manifests = example("manifests");

    CliRunner.Result result = CliRunner.isolated(home).run("plan", manifests.toString());

    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.err.split("\n")).containsExactly(
        manifests + " is invalid: 1 error (each line names the object, the field, the problem and the fix)",
        "ERROR [resources] Deployment.apps cache/redis spec.template.spec.volumes[0].configMap.name: refers to "
            + "ConfigMap cache/redis-config, which is not in the spec; namespace cache is created by this spec, so it "
            + "cannot exist yet — add ConfigMap cache/redis-config to the spec, fix the name, or declare it with "
            + "preExistingResource(...)");
  }

  @Test
  void productionRendersToAGitOpsDirectory() throws IOException {
    Path out = home.resolve("gitops");

    CliRunner.Result result = CliRunner.isolated(home)
        .run("render", example("production.jsh").toString(), "--out", out.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo("Wrote 26 objects and kustomization.yaml to " + out + "\n");
    List<String> listed = Files.readAllLines(out.resolve("kustomization.yaml")).stream()
        .filter(line -> line.startsWith("- ")).map(line -> line.substring(2)).collect(Collectors.toList());
    assertThat(listed).hasSize(26).first().isEqualTo("00-0001-namespace-payments.yaml");
    for (String file : listed) assertThat(out.resolve(file)).exists();
  }
}
