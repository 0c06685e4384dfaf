package dev.shipshape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.embedded.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The demo's steps on the production example, against an embedded API server. */
class ProductionDemoTest {
  private static final Path PRODUCTION = Paths.get(System.getProperty("shipshape.examples.dir", "specs"))
      .resolve("production.jsh");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void plansAppliesAndReappliesTheProductionExampleWithNoChanges() {
    ClusterSpec spec = ScriptEvaluator.create().evaluate(PRODUCTION);
    int objects = spec.plan().resources().size();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      int exit = new DemoRun(out).run(spec, KubernetesExecutor.using(cluster.client()));

      String output = bytes.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(output).isZero();
      assertThat(output).contains("Plan production for Kubernetes", "WAVE  KIND");
      assertThat(output).contains("Applied production", objects + " created");
      assertThat(output).contains("Applying the same plan again: nothing should change.",
          objects + " unchanged", ": 0 changed, success");
    }
  }

  @Test
  void anInvalidSpecIsReportedAndNothingIsApplied() {
    ClusterSpec spec = ClusterSpec.builder().name("broken")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("nowhere")
            .endMetadata().build())
        .build();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      int exit = new DemoRun(out).run(spec, KubernetesExecutor.using(cluster.client()));

      assertThat(exit).isEqualTo(1);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ConfigMap nowhere/settings",
          "namespace 'nowhere' is neither created by the spec nor declared pre-existing");
      assertThat(cluster.client().configMaps().inAnyNamespace().list().getItems()).isEmpty();
    }
  }

  @Test
  void theCommandLineEntryPointRejectsUnknownOptionsAndMissingSpecs() {
    assertThat(ProductionDemo.run(new String[] {"--bogus"})).isEqualTo(3);
    assertThat(ProductionDemo.run(new String[] {"no/such/spec.jsh"})).isEqualTo(3);
  }

  @Test
  void theCommandLineEntryPointRunsTheDemoOnAnEmbeddedServer() {
    assertThat(ProductionDemo.run(new String[] {PRODUCTION.toString()})).isZero();
  }
}
