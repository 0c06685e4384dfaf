package dev.shipshape.core.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrdSchemasTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Two versions: v1 with a schema that narrows metadata, v1beta1 keeping every field, v0 without a schema. */
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
        - name: v1beta1
          served: true
          storage: false
          schema:
            openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        - name: v0
          served: false
          storage: false
      """;

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  private static Optional<List<String>> check(String version, String object) throws IOException {
    return CrdSchemas.check(yaml(CRD), version, yaml(object))
        .map(found -> found.stream().map(SchemaViolation::toString).collect(Collectors.toList()));
  }

  @Test
  void aCustomResourceIsCheckedAgainstTheSchemaOfItsVersion() throws IOException {
    Optional<List<String>> found = check("v1", """
        apiVersion: example.com/v1
        kind: Dial
        metadata: {name: d, namespace: shop, labels: {app: web}}
        spec: {size: "1", colour: red, port: http, extra: {anything: 1}, raw: {kept: maybe}}
        status: {phase: Ready}
        """);

    // metadata is ObjectMeta whatever the CRD narrows; apiVersion and kind are implied at the root.
    assertThat(found).contains(List.of("spec.size: WRONG_TYPE (integer)", "spec.colour: UNKNOWN_FIELD",
        "spec.raw.kept: UNJUDGED", "status: UNKNOWN_FIELD"));
  }

  @Test
  void aMissingRequiredFieldIsFoundForTheCallerToWeigh() throws IOException {
    assertThat(check("v1", "apiVersion: example.com/v1\nkind: Dial\nmetadata: {name: d}\nspec: {}\n"))
        .contains(List.of("spec.size: MISSING_REQUIRED"));
  }

  @Test
  void aVersionThatKeepsUnknownFieldsAcceptsAnything() throws IOException {
    assertThat(check("v1beta1", "apiVersion: example.com/v1beta1\nkind: Dial\nspec: {whatever: [1, 2]}\n"))
        .contains(List.of());
  }

  @Test
  void aVersionWithoutSchemaOrUndeclaredCannotBeChecked() throws IOException {
    assertThat(check("v0", "apiVersion: example.com/v0\nkind: Dial\nspec: {}\n")).isEmpty();
    assertThat(check("v2", "apiVersion: example.com/v2\nkind: Dial\nspec: {}\n")).isEmpty();
  }
}
