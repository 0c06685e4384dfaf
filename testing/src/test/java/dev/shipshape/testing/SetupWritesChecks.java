package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TestNamespaces#create} and {@link CustomResourceDefinitions#install} on one cluster mode: each subclass
 * names the mode, and a prefix of its own for the names it writes (the control plane is shared by the JVM).
 */
abstract class SetupWritesChecks {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: %1$ss.%2$s}
      spec:
        group: %2$s
        scope: Namespaced
        names: {plural: %1$ss, singular: %1$s, kind: %3$s}
        versions:
        - name: v1
          served: true
          storage: true
          additionalPrinterColumns: [%4$s]
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec: {type: object, properties: {colour: {type: string}}}
      """;
  private static final String COLOUR_COLUMN = "{name: Colour, type: string, jsonPath: .spec.colour}";

  /** A DNS label of the subclass's own, which starts every name it writes. */
  abstract String prefix();

  @Test
  void namespacesAreCreatedAndCreatingThemAgainKeepsThem(KubernetesClient client) {
    String first = prefix() + "-a";
    String second = prefix() + "-b";
    TestNamespaces.create(client, first, second);
    Namespace created = client.namespaces().withName(first).get();

    TestNamespaces.create(client, first, second);

    assertThat(client.namespaces().withName(second).get()).isNotNull();
    Namespace again = client.namespaces().withName(first).get();
    assertThat(again.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(again.getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void aCrdIsInstalledServesItsKindAndInstallingItChangedUpdatesIt(KubernetesClient client) {
    CustomResourceDefinitions.install(client, crd("gadget", ""));
    TestNamespaces.create(client, prefix() + "-gadgets");
    gadgets(client).resource(new GenericKubernetesResourceBuilder().withApiVersion(group() + "/v1")
        .withKind("Gadget").withNewMetadata().withName("one").endMetadata().build()).create();

    CustomResourceDefinitions.install(client, crd("gadget", COLOUR_COLUMN));

    CustomResourceDefinition live = client.apiextensions().v1().customResourceDefinitions()
        .withName("gadgets." + group()).get();
    assertThat(live.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName).containsExactly("Colour");
    assertThat(gadgets(client).withName("one").get()).isNotNull();
  }

  @Test
  void theCrdsOfAFolderAreInstalledInNameOrder(KubernetesClient client, @TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("b.yaml"), SERIALIZATION.asYaml(crd("gizmo", "")));
    Files.writeString(folder.resolve("a.yaml"), SERIALIZATION.asYaml(crd("sprocket", "")));
    Files.writeString(folder.resolve("notes.txt"), "not a CRD");

    List<CustomResourceDefinition> installed = CustomResourceDefinitions.install(client, folder);

    assertThat(installed).extracting(crd -> crd.getMetadata().getName())
        .containsExactly("sprockets." + group(), "gizmos." + group());
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("gizmos." + group()).get())
        .isNotNull();
  }

  private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> gadgets(
      KubernetesClient client) {
    return client.genericKubernetesResources(group() + "/v1", "Gadget").inNamespace(prefix() + "-gadgets");
  }

  private String group() {
    return prefix() + ".example.com";
  }

  private CustomResourceDefinition crd(String singular, String columns) {
    String kind = Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
    return SERIALIZATION.unmarshal(CRD.formatted(singular, group(), kind, columns), CustomResourceDefinition.class);
  }
}
