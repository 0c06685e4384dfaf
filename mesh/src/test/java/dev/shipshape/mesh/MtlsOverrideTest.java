package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.plan.Plan;
import org.junit.jupiter.api.Test;

/** An environment's mTLS mode. */
class MtlsOverrideTest {
  private static final ResourceRef POLICY =
      ResourceRef.namespaced("security.istio.io", "PeerAuthentication", "shop", "default");

  @Test
  void permissiveOnTheLaptopStrictInTheSpec() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MutualTls.forNamespace("shop").strict())
        .environment(Environment.of("laptop", MtlsOverride.mode(MutualTls.Mode.PERMISSIVE)))
        .build();
    // Without a sidecar, STRICT refuses every client: an error in the spec, none in the permissive environment.
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("STRICT mTLS in namespace shop, which is not enrolled in the mesh");
    Plan laptop = spec.plan("laptop");
    assertThat(Manifests.toTree(laptop.find(POLICY).orElseThrow().object()).at("/spec/mtls/mode").asText())
        .isEqualTo("PERMISSIVE");
  }

  @Test
  void onlyTheNamespacesNamed() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MutualTls.forNamespace("shop").permissive()).build();
    Plan strict = spec.plan(Environment.of("prod", MtlsOverride.mode(MutualTls.Mode.STRICT, "shop")));
    assertThat(Manifests.toTree(strict.find(POLICY).orElseThrow().object()).at("/spec/mtls/mode").asText())
        .isEqualTo("STRICT");
    assertThatThrownBy(() -> spec.plan(Environment.of("prod", MtlsOverride.mode(MutualTls.Mode.STRICT, "shp"))))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("override 'mTLS mode of the PeerAuthentications in shp: STRICT' concerns no object");
  }
}
