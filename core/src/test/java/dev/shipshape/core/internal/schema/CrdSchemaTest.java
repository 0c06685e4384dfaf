package dev.shipshape.core.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrdSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** v1 with a schema (metadata narrowed, an embedded resource), v1beta1 keeping every field, v0 without a schema. */
  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: dials.example.com}
      spec:
        group: example.com
        names: {plural: dials, kind: Dial}
        scope: Namespaced
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              required: [spec]
              properties:
                metadata: {type: object, properties: {name: {type: string, maxLength: 20}}}
                spec:
                  type: object
                  required: [size]
                  properties:
                    size: {type: integer}
                    port: {x-kubernetes-int-or-string: true}
                    extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    raw: {type: object}
                    labels: {type: object, additionalProperties: {type: string}}
                    steps: {type: array, items: {type: object, properties: {name: {type: string}}}}
                    template:
                      type: object
                      x-kubernetes-embedded-resource: true
                      properties:
                        metadata: {type: object, properties: {labels: {type: object}}}
                        spec: {type: object, properties: {image: {type: string}}}
        - name: v1beta1
          served: true
          storage: false
          schema:
            openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        - name: v0
          served: true
          storage: false
        - name: v2
          served: false
          storage: false
      """;

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  private static List<String> check(JsonNode crd, String version, String object) throws IOException {
    return CrdSchema.of(crd, version).orElseThrow().check(yaml(object)).stream().map(SchemaViolation::toString)
        .collect(Collectors.toList());
  }

  @Test
  void aCustomResourceIsCheckedAgainstTheSchemaOfItsVersion() throws IOException {
    List<String> found = check(yaml(CRD), "v1", """
        apiVersion: example.com/v1
        kind: Dial
        metadata: {name: d, namespace: shop, labels: {app: web}}
        spec:
          size: "1"
          colour: red
          port: http
          extra: {anything: 1}
          raw: {kept: maybe}
          labels: {a: b, c: 1}
          steps: [{name: one}, {nme: two}]
        """);

    // metadata is ObjectMeta whatever the CRD narrows; apiVersion and kind are implied at the root.
    assertThat(found).containsExactly("spec.size: WRONG_TYPE (integer)", "spec.colour: UNKNOWN_FIELD",
        "spec.raw.kept: UNJUDGED", "spec.labels.c: WRONG_TYPE (string)", "spec.steps[1].nme: UNKNOWN_FIELD");
  }

  @Test
  void anEmbeddedResourceHasObjectMetaWhateverItsSchemaDeclares() throws IOException {
    List<String> found = check(yaml(CRD), "v1", """
        apiVersion: example.com/v1
        kind: Dial
        spec:
          size: 1
          template:
            apiVersion: v1
            kind: Pod
            metadata: {generateName: web-, ownerReferences: []}
            spec: {image: nginx, imagePullPolicy: Always}
        """);

    assertThat(found).containsExactly("spec.template.spec.imagePullPolicy: UNKNOWN_FIELD");
  }

  @Test
  void aWholeNumberIsAnIntegerAsTheServerTakesItForCustomResources() throws IOException {
    assertThat(check(yaml(CRD), "v1", "spec: {size: 1.0}\n")).isEmpty();
    assertThat(check(yaml(CRD), "v1", "spec: {size: 1e3}\n")).isEmpty();
    assertThat(check(yaml(CRD), "v1", "spec: {size: 1.5}\n")).containsExactly("spec.size: WRONG_TYPE (integer)");
  }

  @Test
  void aMissingRequiredFieldIsFoundForTheCallerToWeigh() throws IOException {
    assertThat(check(yaml(CRD), "v1", "metadata: {name: d}\nspec: {}\n"))
        .containsExactly("spec.size: MISSING_REQUIRED");
  }

  @Test
  void aVersionThatKeepsUnknownFieldsOrHasNoSchemaAcceptsAnything() throws IOException {
    assertThat(check(yaml(CRD), "v1beta1", "spec: {whatever: [1, 2]}\n")).isEmpty();
    assertThat(check(yaml(CRD), "v0", "spec: {whatever: [1, 2]}\n")).isEmpty();
  }

  @Test
  void aCrdThatPreservesUnknownFieldsHasNoneButItsTypesStillCount() throws IOException {
    JsonNode legacy = yaml(CRD.replace("  scope: Namespaced\n", "  scope: Namespaced\n  preserveUnknownFields: true\n"));

    assertThat(check(legacy, "v1", "spec: {size: one, colour: red}\n"))
        .containsExactly("spec.size: WRONG_TYPE (integer)");
  }

  @Test
  void aVersionTheCrdDoesNotServeHasNoSchema() throws IOException {
    assertThat(CrdSchema.of(yaml(CRD), "v2")).isEmpty();
    assertThat(CrdSchema.of(yaml(CRD), "v3")).isEmpty();
  }
}
