package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A namespace moved to STRICT while one workload keeps plain text on one port (such as a metrics port scraped from
 * outside the mesh): the workload's policy inherits the namespace's mode and overrides one port, the port the pods
 * receive on.
 */
class MutualTlsMigrationTest {
  private static ClusterSpec.Builder shop() {
    return ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).preExistingCrd(IstioCrds.all())
        .component(MeshMembership.sidecar("shop"), MutualTls.forNamespace("shop").strict());
  }

  private static List<String> mtlsWarnings(Plan plan) {
    return plan.warnings().stream().map(Object::toString).filter(w -> w.contains("PeerAuthentication"))
        .collect(Collectors.toList());
  }

  @Test
  void aWorkloadCanInheritTheNamespacesModeAndOverrideOnePort() {
    MutualTls metrics = MutualTls.forWorkload("shop", Map.of("app", "web")).mode(MutualTls.Mode.UNSET)
        .port(8080, MutualTls.Mode.PERMISSIVE);
    Plan plan = shop().component(metrics).build().plan();
    String yaml = Manifests.toYaml(metrics.compile(null).get(0));
    assertThat(yaml).contains("mode: UNSET", "portLevelMtls:", "\"8080\":", "mode: PERMISSIVE");
    assertThat(mtlsWarnings(plan)).isEmpty();
  }

  @Test
  void aPortLevelModeForTheServicePortInsteadOfThePodsPortIsAWarning() {
    Plan plan = shop().component(MutualTls.forWorkload("shop", Map.of("app", "web")).mode(MutualTls.Mode.UNSET)
        .port(80, MutualTls.Mode.PERMISSIVE)).build().plan();
    assertThat(mtlsWarnings(plan)).containsExactly("WARNING [mtls shop/mtls-web] PeerAuthentication.security.istio.io"
        + " shop/mtls-web spec.portLevelMtls.80: port 80 is the port of Service shop/web, but Istio matches "
        + "portLevelMtls against the port the pods receive on, here targetPort 8080 of Deployment shop/web-v1, so the "
        + "mode PERMISSIVE never applies — give the pods' port: port(8080, MutualTls.Mode.PERMISSIVE)");
  }
}
