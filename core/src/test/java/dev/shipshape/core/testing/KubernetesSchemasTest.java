package dev.shipshape.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KubernetesSchemasTest {
  private static final String DEPLOYMENT = String.join("\n",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "  namespace: shop",
      "  labels: {app: web}",
      "spec:",
      "  replicas: 2",
      "  selector:",
      "    matchLabels: {app: web}",
      "  strategy:",
      "    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}",
      "  template:",
      "    metadata:",
      "      labels: {app: web}",
      "    spec:",
      "      containers:",
      "      - name: web",
      "        image: nginx:1.27",
      "        ports: [{containerPort: 8080, name: http}]",
      "        resources:",
      "          requests: {cpu: 100m, memory: 64Mi}",
      "          limits: {cpu: 1, memory: 128Mi}",
      "");

  private static final String SCHEDULE = String.join("\n",
      "apiVersion: velero.io/v1",
      "kind: Schedule",
      "metadata:",
      "  name: nightly",
      "  namespace: velero",
      "spec:",
      "  schedule: 0 3 * * *",
      "  template:",
      "    includedNamespaces: [shop]",
      "    ttl: 720h0m0s",
      "    snapshotVolumes: false",
      "");

  @Test
  void validDeploymentConforms() {
    assertThat(KubernetesSchemas.load().validate(Manifests.parse(DEPLOYMENT).get(0))).isEmpty();
  }

  @Test
  void typedDeploymentFromTheBuilderConforms() {
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
        .withNewSpec().addNewContainer().withName("api").withImage("api:1")
        .withNewResources().addToLimits("memory", new Quantity("256Mi")).endResources()
        .endContainer().endSpec().endTemplate()
        .withNewStrategy().withNewRollingUpdate().withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString("10%")).endRollingUpdate().endStrategy()
        .endSpec().build();
    assertThat(KubernetesSchemas.load().validate(deployment)).isEmpty();
  }

  @Test
  void misspelledFieldIsReportedWithItsPath() {
    HasMetadata deployment = Manifests.parse(DEPLOYMENT.replace("  replicas: 2", "  replicass: 2")).get(0);
    assertThat(KubernetesSchemas.load().validate(deployment))
        .containsExactly("spec: property 'replicass' is not defined in the schema and the schema does not allow"
            + " additional properties");
  }

  @Test
  void misspelledFieldDeepInThePodTemplateIsReported() {
    HasMetadata deployment = Manifests.parse(DEPLOYMENT.replace("image: nginx", "imagee: nginx")).get(0);
    assertThat(KubernetesSchemas.load().validate(deployment))
        .containsExactly("spec.template.spec.containers[0]: property 'imagee' is not defined in the schema and"
            + " the schema does not allow additional properties");
  }

  @Test
  void unknownMetadataFieldIsReported() {
    HasMetadata deployment = Manifests.parse(DEPLOYMENT.replace("  labels: {app: web}\nspec",
        "  labels: {app: web}\n  lables: {app: web}\nspec")).get(0);
    assertThat(KubernetesSchemas.load().validate(deployment))
        .containsExactly("metadata: property 'lables' is not defined in the schema and the schema does not allow"
            + " additional properties");
  }

  @Test
  void wrongTypeIsReportedWithItsPath() {
    assertThat(KubernetesSchemas.load().validate(generic(DEPLOYMENT.replace("replicas: 2", "replicas: two"))))
        .containsExactly("spec.replicas: string found, integer expected");
  }

  @Test
  void missingRequiredFieldIsReportedWithItsPath() {
    String withoutName = DEPLOYMENT.replace("      - name: web\n        image", "      - image");
    assertThat(KubernetesSchemas.load().validate(generic(withoutName)))
        .containsExactly("spec.template.spec.containers[0]: required property 'name' not found");
  }

  @Test
  void intOrStringAcceptsIntegersAndStringsButNothingElse() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.validate(generic(DEPLOYMENT.replace("maxSurge: 25%", "maxSurge: 3")))).isEmpty();
    assertThat(schemas.validate(generic(DEPLOYMENT.replace("maxSurge: 25%", "maxSurge: true"))))
        .containsExactly("spec.strategy.rollingUpdate.maxSurge: boolean found, integer or string expected");
  }

  @Test
  void quantitiesAreStringsOrNumbersButNotObjects() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.validate(generic(DEPLOYMENT.replace("cpu: 1,", "cpu: '1',")))).isEmpty();
    assertThat(schemas.validate(generic(DEPLOYMENT.replace("cpu: 1,", "cpu: {amount: 1},"))))
        .containsExactly("spec.template.spec.containers[0].resources.limits.cpu: object found, number or string"
            + " expected");
  }

  @Test
  void fieldsSetToNullCountAsUnset() {
    assertThat(KubernetesSchemas.load().validate(generic(DEPLOYMENT.replace("replicas: 2", "replicas: null"))))
        .isEmpty();
  }

  @Test
  void veleroScheduleConformsToItsCrd() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.hasSchema("velero.io/v1", "Schedule")).isTrue();
    assertThat(schemas.validate(generic(SCHEDULE))).isEmpty();
  }

  @Test
  void veleroScheduleWithMisspelledFieldFails() {
    assertThat(KubernetesSchemas.load().validate(generic(SCHEDULE.replace("includedNamespaces", "includeNamespaces"))))
        .containsExactly("spec.template: property 'includeNamespaces' is not defined in the schema and the schema"
            + " does not allow additional properties");
  }

  @Test
  void veleroScheduleWithoutRequiredFieldOrWithWrongTypeFails() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.validate(generic(SCHEDULE.replace("  schedule: 0 3 * * *\n", ""))))
        .containsExactly("spec: required property 'schedule' not found");
    assertThat(schemas.validate(generic(SCHEDULE.replace("snapshotVolumes: false", "snapshotVolumes: 'no'"))))
        .containsExactly("spec.template.snapshotVolumes: string found, boolean expected");
  }

  @Test
  void customResourceMetadataIsValidatedAsObjectMeta() {
    assertThat(KubernetesSchemas.load().validate(generic(SCHEDULE.replace("  name: nightly",
        "  name: nightly\n  owner: me"))))
        .containsExactly(
            "metadata: property 'owner' is not defined in the schema and the schema does not allow additional"
                + " properties");
  }

  @Test
  void preservedUnknownFieldsStayAllowed() {
    // Istio's status is declared with x-kubernetes-preserve-unknown-fields.
    String virtualService = String.join("\n",
        "apiVersion: networking.istio.io/v1",
        "kind: VirtualService",
        "metadata: {name: web, namespace: shop}",
        "spec:",
        "  hosts: [web]",
        "  http:",
        "  - route:",
        "    - destination: {host: web, port: {number: 8080}}",
        "status:",
        "  anything: {goes: here}",
        "");
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.validate(generic(virtualService))).isEmpty();
    assertThat(schemas.validate(generic(virtualService.replace("hosts:", "hostz:"))))
        .containsExactly("spec: property 'hostz' is not defined in the schema and the schema does not allow"
            + " additional properties");
  }

  @Test
  void kindWithoutSchemaIsReportedNotPassed() {
    GenericKubernetesResource unknown = generic("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    KubernetesSchemas schemas = KubernetesSchemas.load();
    assertThat(schemas.hasSchema("example.com/v1", "Widget")).isFalse();
    assertThat(schemas.validate(unknown)).containsExactly("(root): no schema for example.com/v1 Widget in the"
        + " reference data (built-in kinds of openapi-v3/ and custom resources of crds/)");
  }

  @Test
  void validateAllNamesTheObjectOfEachMessage() {
    List<HasMetadata> objects = List.of(Manifests.parse(DEPLOYMENT).get(0),
        generic(DEPLOYMENT.replace("name: web\n  namespace", "name: api\n  namespace")
            .replace("replicas: 2", "replicas: two")));
    assertThat(KubernetesSchemas.load().validateAll(objects))
        .containsExactly("Deployment.apps shop/api: spec.replicas: string found, integer expected");
  }

  @Test
  void everyReferenceCrdConformsToTheCustomResourceDefinitionSchema() throws IOException {
    Path crds = SharedData.require("k8s-reference/crds");
    List<GenericKubernetesResource> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(crds)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
          if (!document.isBlank()) all.add(generic(document));
        }
      }
    }
    assertThat(all).hasSizeGreaterThan(20);
    assertThat(KubernetesSchemas.load().validateAll(all)).isEmpty();
  }

  @Test
  void loadReturnsTheCachedInstance() {
    assertThat(KubernetesSchemas.load()).isSameAs(KubernetesSchemas.load());
  }

  /** The object as a GenericKubernetesResource, so that it can carry values that typed models cannot hold. */
  private static GenericKubernetesResource generic(String yaml) {
    try {
      JsonNode tree = new YAMLMapper().readTree(yaml);
      return Manifests.convert(tree, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
