package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** A kind a CRD of the plan defines is reached at the plural and scope that CRD gives, in each of its versions. */
@EnableKubernetesMockClient
class ResourceAccessCrdTest {
  KubernetesClient client;

  @Test
  void aKindOfAPlanCrdUsesItsPluralAndScopeInEveryVersion() {
    ClusterSpec spec = ClusterSpec.builder().name("crds").resources(Manifests.parse(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata: {name: octopodes.zoo.example.com}\n"
            + "spec:\n  group: zoo.example.com\n  scope: Cluster\n"
            + "  names: {kind: Octopus, plural: octopodes, singular: octopus, listKind: OctopusList}\n"
            + "  versions:\n"
            + "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}\n"
            + "  - {name: v1beta1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}\n"))
        .build();
    ResourceAccess access = new ResourceAccess(client, spec.plan());
    for (String version : new String[] {"v1", "v1beta1"}) {
      ResourceDefinitionContext context = access.context("zoo.example.com/" + version, "Octopus");
      assertThat(context.getPlural()).isEqualTo("octopodes");
      assertThat(context.getVersion()).isEqualTo(version);
      assertThat(context.isNamespaceScoped()).isFalse();
    }
  }
}
