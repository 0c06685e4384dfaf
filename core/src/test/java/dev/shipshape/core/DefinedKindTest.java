package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinedKindTest {
  private static String crdYaml(String group, String kind, String scopeLine) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: issuers.example.com}\nspec:\n"
        + (group == null ? "" : "  group: " + group + "\n")
        + "  names: {kind: " + kind + ", plural: issuers}\n" + scopeLine
        + "  versions: [{name: v2, served: true, storage: true}, {name: v1, served: true, storage: false}]\n";
  }

  private static HasMetadata parsed(String yaml) {
    return Manifests.parse(yaml).get(0);
  }

  @Test
  void readsKindGroupScopeAndNameOfATypedDefinition() {
    HasMetadata crd = parsed(crdYaml("example.com", "ClusterIssuer", "  scope: Cluster\n"));
    assertThat(crd).isInstanceOf(CustomResourceDefinition.class);
    DefinedKind kind = DefinedKind.of(crd).orElseThrow();
    assertThat(kind.groupKind()).isEqualTo("ClusterIssuer.example.com");
    assertThat(kind.group()).isEqualTo("example.com");
    assertThat(kind.kind()).isEqualTo("ClusterIssuer");
    assertThat(kind.namespaced()).isFalse();
    assertThat(kind.plural()).isEqualTo("issuers");
    assertThat(kind.versions()).containsExactly("v2", "v1");
    assertThat(kind.definitionName()).isEqualTo("issuers.example.com");
  }

  @Test
  void readsAGenericDefinitionAsItsTypedForm() {
    String yaml = crdYaml("example.com", "Issuer", "  scope: Namespaced\n");
    GenericKubernetesResource generic = Manifests.convert(Manifests.toTree(parsed(yaml)),
        GenericKubernetesResource.class);
    DefinedKind typed = DefinedKind.of(parsed(yaml)).orElseThrow();
    DefinedKind fromGeneric = DefinedKind.of(generic).orElseThrow();
    assertThat(fromGeneric.groupKind()).isEqualTo(typed.groupKind()).isEqualTo("Issuer.example.com");
    assertThat(fromGeneric.namespaced()).isTrue().isEqualTo(typed.namespaced());
    assertThat(fromGeneric.definitionName()).isEqualTo(typed.definitionName());
    assertThat(fromGeneric.plural()).isEqualTo(typed.plural()).isEqualTo("issuers");
    assertThat(fromGeneric.versions()).isEqualTo(typed.versions()).containsExactly("v2", "v1");
  }

  @Test
  void aMissingScopeIsReadAsNamespacedAndAMissingGroupLeavesTheKindAlone() {
    DefinedKind kind = DefinedKind.of(parsed(crdYaml(null, "Widget", ""))).orElseThrow();
    assertThat(kind.groupKind()).isEqualTo("Widget");
    assertThat(kind.namespaced()).isTrue();
  }

  @Test
  void otherObjectsAndDefinitionsWithoutAKindDefineNothing() {
    HasMetadata noKind = new CustomResourceDefinitionBuilder().withNewMetadata().withName("x.example.com")
        .endMetadata().withNewSpec().withGroup("example.com").withScope("Cluster").endSpec().build();
    HasMetadata configMap = parsed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ns}\n");
    HasMetadata otherGroup = parsed("apiVersion: example.com/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: a}\nspec: {group: g, names: {kind: K}, scope: Cluster}\n");
    assertThat(DefinedKind.of(noKind)).isEmpty();
    assertThat(DefinedKind.of(configMap)).isEmpty();
    assertThat(DefinedKind.of(otherGroup)).isEmpty();
  }

  @Test
  void theLaterDefinitionOfAKindWins() {
    Map<String, Boolean> namespaced = DefinedKind.namespacedByKind(List.of(
        parsed(crdYaml("example.com", "Issuer", "  scope: Namespaced\n")),
        parsed(crdYaml("example.com", "Issuer", "  scope: Cluster\n")),
        parsed(crdYaml("example.com", "Widget", ""))));
    assertThat(namespaced).containsExactlyInAnyOrderEntriesOf(
        Map.of("Issuer.example.com", false, "Widget.example.com", true));
  }
}
