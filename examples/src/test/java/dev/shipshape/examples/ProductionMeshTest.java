package dev.shipshape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import dev.shipshape.mesh.route.MeshRouter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production example's mesh, as {@code shipshape mesh analyze} and {@code shipshape mesh route} see its plan:
 * the analysis finds nothing of high severity, and agrees with the router on where the canary route goes.
 */
class ProductionMeshTest {
  private static final Path PRODUCTION = Paths.get(System.getProperty("shipshape.examples.dir", "specs"))
      .resolve("production.jsh");

  @Test
  void theMeshAnalysisOfTheProductionPlanFindsNothingOfHighSeverityAndAgreesWithTheRouter() {
    Plan plan = ScriptEvaluator.create().evaluate(PRODUCTION).plan();

    FindingReport report = MeshAnalyzer.all().analyze(plan);
    assertThat(report.findings()).as(report.toText())
        .noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
    assertThat(MeshRouter.of(plan).route("shop", "web.shop.svc.cluster.local", 80, "/", Map.of()).destinations())
        .extracting(d -> d.weight() + "% " + d.subset() + " " + d.pods())
        .containsExactly("90% stable [Deployment shop/web]", "10% canary [Deployment shop/web-canary]");
  }
}
