package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationRulesTest {
  private static final AuthorizationRules RULES = AuthorizationRules.forNamespace("shop").denyByDefault()
      .allow(AccessRule.to(Map.of("app", "web")).fromServiceAccount("shop", "web").fromNamespace("istio-system"));

  @Test
  void theServiceAccountsAndTheNamespacesOfARuleAreAlternativeSources() {
    List<HasMetadata> policies = RULES.compile(null);

    assertThat(Manifests.toYaml(policies.get(1))).contains(String.join("\n",
        "  rules:",
        "  - from:",
        "    - source:",
        "        principals:",
        "        - cluster.local/ns/shop/sa/web",
        "    - source:",
        "        namespaces:",
        "        - istio-system",
        ""));
    IstioAuthorizationOracle istio = new IstioAuthorizationOracle(policies);
    Map<String, String> web = Map.of("app", "web");
    assertThat(istio.allows("shop", web, "shop", "web", 8080)).as("ServiceAccount shop/web").isTrue();
    assertThat(istio.allows("shop", web, "istio-system", "istio-ingressgateway", 8080)).as("istio-system").isTrue();
    assertThat(istio.allows("shop", web, "shop", "cart", 8080)).as("another ServiceAccount of shop").isFalse();
    assertThat(istio.allows("shop", web, "billing", "web", 8080)).as("another namespace").isFalse();
  }

  @Test
  void policiesOfANamespaceOutsideTheMeshAreReportedAsAdmittingEveryRequest() {
    Plan plan = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).component(RULES).build().plan();

    assertThat(plan.warnings()).filteredOn(p -> p.field().orElse("").equals("metadata"))
        .extracting(p -> p.resource().orElseThrow().name() + " " + p.message() + " — " + p.fix())
        .containsExactly("allow-nothing namespace shop is not enrolled in the mesh: the pods of [Deployment "
            + "shop/web-v1, Deployment shop/web-v2] get no proxy to enforce the AuthorizationPolicies "
            + "[allow-nothing, allow-1], so they admit every request, denyByDefault() included — enrol the "
            + "namespace with MeshMembership.sidecar(\"shop\") (or ambient)");
  }

  @Test
  void policiesAreEnforcedInAnEnrolledNamespaceAndOnPodsThatOptIn() {
    String optIn = MeshFixtures.APP.replace("version: v1}}", "version: v1, sidecar.istio.io/inject: 'true'}}")
        .replace("version: v2}}", "version: v2, sidecar.istio.io/inject: 'true'}}");
    List<Plan> plans = List.of(MeshFixtures.spec().component(RULES).build().plan(),
        ClusterSpec.builder().name("shop").yaml(optIn).component(RULES).build().plan());

    for (Plan plan : plans) {
      assertThat(plan.warnings()).extracting(Problem::message).noneMatch(m -> m.contains("not enrolled"));
    }
  }
}
