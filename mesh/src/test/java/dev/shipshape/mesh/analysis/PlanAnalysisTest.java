package dev.shipshape.mesh.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.mesh.AccessRule;
import dev.shipshape.mesh.AuthorizationRules;
import dev.shipshape.mesh.MeshFixtures;
import dev.shipshape.mesh.route.MeshRouter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A plan holds workloads, not the pods they will run: analyzing it, the workloads' pod templates stand for their pods
 * wherever a selector selects pods, as in the plan's own checks and the router, and nowhere else.
 */
class PlanAnalysisTest {
  private static List<String> findings(MeshAnalyzer analyzer, Plan plan) {
    return analyzer.analyze(plan).findings().stream()
        .map(f -> f.equivalents().get(0) + " " + f.resource().map(Object::toString).orElse("") + " "
            + f.field().orElse("") + ": " + f.message())
        .collect(Collectors.toList());
  }

  @Test
  void theSubsetsThatThePlanAndTheRouterFindPodsForAreNotReportedOnThePlan() {
    Plan plan = MeshFixtures.spec().build().plan();

    assertThat(MeshRouter.of(plan).route("shop", "web", "/", Map.of()).destinations())
        .extracting(d -> d.subset() + " " + d.pods())
        .containsExactly("v1 [Deployment shop/web-v1]", "v2 [Deployment shop/web-v2]");
    assertThat(findings(MeshAnalyzer.all(), plan)).filteredOn(f -> f.startsWith("IST0173")).isEmpty();
  }

  @Test
  void aSubsetThatNoWorkloadOfThePlanHasIsStillReported() {
    String rule = String.join("\n", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: web, namespace: shop}", "spec:", "  host: web",
        "  subsets: [{name: v1, labels: {version: v1}}, {name: v3, labels: {version: v3}}]", "");
    Plan plan = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).yaml(rule).build().plan();

    assertThat(findings(MeshAnalyzer.only(List.of("destinationrule.SubsetSelectPodAnalyzer")), plan))
        .containsExactly("IST0173 DestinationRule.networking.istio.io shop/web spec.subsets[1].labels: subset v3 of "
            + "DestinationRule shop/web selects no pod of Service shop/web with labels {version=v3}");
  }

  @Test
  void anAuthorizationPolicyForAWorkloadOfThePlanSelectsItsPods() {
    Plan plan = MeshFixtures.spec().component(AuthorizationRules.forNamespace("shop")
        .allow(AccessRule.to(Map.of("app", "web")).fromNamespace("shop"))).build().plan();

    assertThat(findings(MeshAnalyzer.only(List.of("auth.AuthorizationPoliciesAnalyzer")), plan)).isEmpty();
  }

  @Test
  void aPodTemplatesOwnInjectionLabelDecidesWhetherAnAuthorizationPolicySelectsAPodOfTheMesh() {
    String policy = String.join("\n", "---", "apiVersion: security.istio.io/v1", "kind: AuthorizationPolicy",
        "metadata: {name: web, namespace: shop}", "spec: {selector: {matchLabels: {app: web}}, action: ALLOW}", "");
    String optIn = MeshFixtures.APP.replace("labels: {app: web, version: v1}}",
        "labels: {app: web, version: v1, sidecar.istio.io/inject: 'true'}}");
    String optOut = MeshFixtures.APP.replace("metadata: {name: shop}",
            "metadata: {name: shop, labels: {istio-injection: enabled}}")
        .replace("version: v1}}", "version: v1, sidecar.istio.io/inject: 'false'}}")
        .replace("version: v2}}", "version: v2, sidecar.istio.io/inject: 'false'}}");
    MeshAnalyzer analyzer = MeshAnalyzer.only(List.of("auth.AuthorizationPoliciesAnalyzer"));

    assertThat(findings(analyzer, ClusterSpec.builder().name("shop").yaml(optIn + policy).build().plan())).isEmpty();
    assertThat(findings(analyzer, ClusterSpec.builder().name("shop").yaml(optOut + policy).build().plan()))
        .singleElement().asString().startsWith("IST0127 AuthorizationPolicy.security.istio.io shop/web");
  }

  @Test
  void checksOfAPodsOwnSpecReadTheWorkloadOnly() {
    String app = MeshFixtures.APP.replace("spec: {containers: [{name: web, image: nginx:1.27}]}",
        "spec: {securityContext: {runAsUser: 1337}, containers: [{name: web, image: nginx:1.27}]}");
    Plan plan = ClusterSpec.builder().name("shop").yaml(app).build().plan();

    assertThat(MeshAnalyzer.only(List.of("applicationUID.Analyzer")).analyze(plan).findings())
        .extracting(Finding::resource).extracting(r -> r.orElseThrow().toString())
        .containsExactly("Deployment.apps shop/web-v1");
  }
}
