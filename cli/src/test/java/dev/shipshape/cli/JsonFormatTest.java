package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --format json} of plan, diff and apply: the documented shapes, parsed. */
class JsonFormatTest extends EmbeddedCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void planPrintsWavesObjectsAndGates() throws IOException {
    CliRunner.Result result = cli.run("plan", "--format", "json", yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP)
        .toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode plan = JSON.readTree(result.out);
    assertThat(plan.get("spec").asText()).isEqualTo("shop");
    assertThat(plan.get("valid").asBoolean()).isTrue();
    assertThat(plan.get("resources").asInt()).isEqualTo(2);
    JsonNode waves = plan.get("waves");
    assertThat(waves).hasSize(2);
    JsonNode namespace = waves.get(0).get("resources").get(0);
    assertThat(namespace.get("kind").asText()).isEqualTo("Namespace");
    assertThat(namespace.has("namespace")).isFalse();
    assertThat(namespace.get("apiVersion").asText()).isEqualTo("v1");
    JsonNode configMap = waves.get(1).get("resources").get(0);
    assertThat(configMap.get("namespace").asText()).isEqualTo("shop");
    assertThat(configMap.get("name").asText()).isEqualTo("settings");
    assertThat(configMap.get("component").asText()).isNotEmpty();
    assertThat(configMap.get("prerequisites").get(0).asText()).isEqualTo("Namespace shop");
    assertThat(waves.get(1).get("gates").get(0).get("target").asText()).isEqualTo("Namespace shop");
    assertThat(plan.get("warnings")).isEmpty();
    assertThat(plan.get("deletePolicies")).isEmpty();
    assertThat(waves.get(1).get("wave").asInt()).isEqualTo(waves.get(0).get("wave").asInt() + 1);
  }

  @Test
  void planCarriesTheDeletePoliciesItsTextShows() throws IOException {
    Path spec = java.nio.file.Files.writeString(dir.resolve("hooks.jsh"), String.join("\n",
        "Component hook = new Component() {",
        "  public String name() { return \"hook\"; }",
        "  public List<HasMetadata> compile(CompileContext context) {",
        "    return List.of(new ConfigMapBuilder().withNewMetadata().withName(\"settings\").withNamespace(\"shop\")",
        "        .endMetadata().build());",
        "  }",
        "  public List<DeletePolicy> deletePolicies(List<HasMetadata> compiled) {",
        "    return List.of(DeletePolicy.of(ResourceRef.core(\"ConfigMap\", \"shop\", \"settings\"),",
        "        Set.of(DeletePolicy.When.AFTER_FAILURE, DeletePolicy.When.BEFORE_CREATION)));",
        "  }",
        "};",
        "ClusterSpec spec = ClusterSpec.builder().name(\"hooks\").preExistingNamespace(\"shop\").component(hook)",
        "    .build();",
        ""));

    CliRunner.Result text = cli.run("plan", spec.toString());
    CliRunner.Result json = cli.run("plan", "--format", "json", spec.toString());

    assertThat(text.exitCode).as(text.toString()).isZero();
    assertThat(text.out).contains("ConfigMap shop/settings deleted before creation, after failure\n");
    assertThat(json.exitCode).as(json.toString()).isZero();
    assertThat(JSON.readTree(json.out).get("deletePolicies").toString())
        .isEqualTo("[{\"resource\":\"ConfigMap shop/settings\",\"when\":[\"BEFORE_CREATION\",\"AFTER_FAILURE\"]}]");
  }

  @Test
  void anInvalidSpecPrintsItsProblemsAsJsonAndFails() throws IOException {
    Path spec = yaml("settings.yaml", CONFIG_MAP);

    CliRunner.Result plan = cli.run("plan", "--format", "json", spec.toString());
    CliRunner.Result diff = cli.run("diff", "--embedded", "--format", "json", spec.toString());
    CliRunner.Result apply = cli.run("apply", "--embedded", "--format", "json", spec.toString());

    assertThat(plan.exitCode).isEqualTo(3);
    JsonNode invalid = JSON.readTree(plan.out);
    assertThat(invalid.get("valid").asBoolean()).isFalse();
    assertThat(invalid.get("spec").asText()).isEqualTo(spec.toString());
    JsonNode problem = invalid.get("problems").get(0);
    assertThat(problem.get("severity").asText()).isEqualTo("ERROR");
    assertThat(problem.get("resource").asText()).isEqualTo("ConfigMap shop/settings");
    assertThat(problem.get("field").asText()).isEqualTo("metadata.namespace");
    assertThat(problem.get("fix").asText()).endsWith("--pre-existing-namespace shop)");
    assertThat(plan.err).contains("is invalid");
    assertThat(JSON.readTree(diff.out)).isEqualTo(invalid);
    assertThat(diff.exitCode).isEqualTo(3);
    assertThat(JSON.readTree(apply.out)).isEqualTo(invalid);
    assertThat(apply.exitCode).isEqualTo(3);
    assertThat(cluster.client().configMaps().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void diffAndApplyPrintOnlyTheirReportOnStandardOutput() throws IOException {
    Path spec = yaml("shop.yaml", NAMESPACE + "---\n" + CONFIG_MAP);

    CliRunner.Result before = cli.run("diff", "--embedded", "--format", "json", spec.toString());
    CliRunner.Result apply = cli.run("apply", "--embedded", "--format", "json", spec.toString());
    CliRunner.Result after = cli.run("diff", "--embedded", "--format", "json", spec.toString());

    assertThat(before.exitCode).as(before.toString()).isEqualTo(1);
    assertThat(JSON.readTree(before.out).get("resources").findValuesAsText("action"))
        .containsExactly("CREATE", "CREATE");
    assertThat(apply.exitCode).as(apply.toString()).isZero();
    JsonNode report = JSON.readTree(apply.out);
    assertThat(report.get("spec").asText()).isEqualTo("shop");
    assertThat(report.get("success").asBoolean()).isTrue();
    assertThat(report.get("counts").get("CREATED").asInt()).isEqualTo(2);
    assertThat(report.get("results").findValuesAsText("resource"))
        .containsExactly("Namespace shop", "ConfigMap shop/settings");
    assertThat(apply.err).contains("Plan shop", "Target: embedded API server");
    assertThat(after.exitCode).as(after.toString()).isZero();
    assertThat(JSON.readTree(after.out).get("resources").findValuesAsText("action"))
        .containsExactly("UNCHANGED", "UNCHANGED");
  }
}
