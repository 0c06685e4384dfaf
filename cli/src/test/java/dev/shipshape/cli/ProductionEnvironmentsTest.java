package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.env.EnvironmentDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The production example's laptop and production environments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionEnvironmentsTest {
  private ClusterSpec spec;
  private Plan plain;
  private Plan laptop;
  private Plan production;

  @BeforeAll
  void plan() {
    spec = ScriptEvaluator.create().evaluate(ExamplesTest.example("production.jsh"));
    plain = spec.plan();
    laptop = spec.plan("laptop");
    production = spec.plan("production");
  }

  @Test
  void theSpecDeclaresLaptopAndProductionAndProductionIsTheSpecAsWritten() {
    assertThat(spec.environments()).extracting(Environment::name).containsExactly("laptop", "production");
    assertThat(production.toYaml()).isEqualTo(plain.toYaml());
    assertThat(production.summary()).startsWith("Plan production (environment production) for Kubernetes 1.33: "
        + "74 resources in 4 waves");
    assertThat(laptop.summary()).startsWith("Plan production (environment laptop) for Kubernetes 1.33: "
        + "61 resources in 4 waves");
  }

  @Test
  void theLaptopDiffersOnlyWhereItsOverridesSay() {
    EnvironmentDiff diff = EnvironmentDiff.between(laptop, production);
    assertThat(diff.onlyInLeft()).isEmpty();
    // Monitoring is off on the laptop: the monitors, the alert rules and the scrape access they need.
    assertThat(diff.onlyInRight()).hasSize(13).allMatch(r -> r.group().equals("monitoring.coreos.com")
        || r.name().startsWith("allow-prometheus") || r.name().equals("prometheus-scrape"));
    assertThat(diff.waves()).isEmpty();
    assertThat(diff.changed().entrySet().stream().flatMap(e -> e.getValue().stream()
        .map(f -> e.getKey().kind() + " " + f.path())).distinct().sorted().collect(Collectors.toList()))
        .containsExactly(
            "Deployment spec.replicas",
            "Deployment spec.template.spec.containers[0].resources.limits.memory",
            "Deployment spec.template.spec.containers[0].resources.requests.cpu",
            "Deployment spec.template.spec.containers[0].resources.requests.memory",
            "Namespace metadata.labels.pod-security.kubernetes.io/enforce",
            "PeerAuthentication spec.mtls.mode",
            "PersistentVolumeClaim spec.storageClassName",
            "Schedule spec.paused");
    assertThat(diff.changed().get(ResourceRef.namespaced("apps", "Deployment", "shop", "web")))
        .contains(FieldChange.of("spec.replicas", FieldChange.Kind.CHANGED, java.util.Optional.of("1"),
            java.util.Optional.of("3")));
    assertThat(diff.changed().get(ResourceRef.core("Namespace", null, "shop")))
        .containsExactly(FieldChange.of("metadata.labels.pod-security.kubernetes.io/enforce",
            FieldChange.Kind.CHANGED, java.util.Optional.of("baseline"), java.util.Optional.of("restricted")));
  }

  @Test
  void theLaptopsObjectsConformToTheSchemas() {
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects = laptop.resources().stream()
        .map(PlannedResource::object).collect(Collectors.toList());
    assertThat(KubernetesSchemas.load().validateAll(objects)).isEmpty();
  }

  @Test
  void envdiffOfTheExampleExitsZero() {
    CliRunner.Result result = CliRunner.withVariables(java.util.Map.of("HOME", System.getProperty("java.io.tmpdir")))
        .run("envdiff", "laptop", "production", ExamplesTest.example("production.jsh").toString());
    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith("laptop and production differ in 26 of 74 objects; everything else is "
        + "identical\n").contains("changed Schedule.velero.io velero/shop-daily\n    - spec.paused: true\n");
  }
}
