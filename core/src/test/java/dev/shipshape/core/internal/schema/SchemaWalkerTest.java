package dev.shipshape.core.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchemaWalkerTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  /** A Kubernetes-style document: $ref and allOf wrappers, int-or-string, quantities, maps, raw extensions. */
  private static SchemaWalker walker() throws IOException {
    return new SchemaWalker(Map.of(
        "Thing", yaml("""
            type: object
            required: [spec]
            properties:
              apiVersion: {type: string}
              kind: {type: string}
              spec: {allOf: [{$ref: '#/components/schemas/ThingSpec'}], default: {}}
            """),
        "ThingSpec", yaml("""
            type: object
            properties:
              replicas: {type: integer}
              ratio: {type: number}
              enabled: {type: boolean}
              port: {$ref: '#/components/schemas/IntOrString'}
              cpu: {$ref: '#/components/schemas/Quantity'}
              labels: {type: object, additionalProperties: {type: string}}
              open: {type: object, additionalProperties: true}
              raw: {$ref: '#/components/schemas/RawExtension'}
              free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: string}}}
              embedded: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}
              custom: {x-kubernetes-int-or-string: true}
              items:
                type: array
                items: {type: object, required: [name], properties: {name: {type: string}}}
            """),
        "IntOrString", yaml("{format: int-or-string, oneOf: [{type: integer}, {type: string}]}"),
        "Quantity", yaml("{oneOf: [{type: string}, {type: number}]}"),
        "RawExtension", yaml("{type: object}")));
  }

  private static List<String> check(String object) throws IOException {
    SchemaWalker walker = walker();
    return walker.check(yaml(object), yaml("$ref: '#/components/schemas/Thing'")).stream()
        .map(SchemaViolation::toString).collect(Collectors.toList());
  }

  @Test
  void aValidObjectHasNoViolations() throws IOException {
    assertThat(check("""
        apiVersion: v1
        kind: Thing
        spec:
          replicas: 3
          ratio: 2
          enabled: true
          port: http
          cpu: 500m
          labels: {a: b}
          open: {anything: [1, {x: y}]}
          raw: {}
          free: {known: k, unknown: {deeper: 1}}
          embedded: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}
          custom: 8080
          items: [{name: a}]
          enabled2: null
        """.replace("  enabled2: null\n", ""))).isEmpty();
    // A null is dropped by the server, whatever the field's type.
    assertThat(check("spec: {replicas: null, port: null}")).isEmpty();
  }

  @Test
  void unknownFieldsAreNamedWithTheirPathAtEveryDepth() throws IOException {
    assertThat(check("""
        spec:
          replicass: 3
          items: [{name: a}, {name: b, nam: c}]
          free: {known: k, other: x}
          embedded: {apiVersion: v1, metadata: {}, status: {}}
        statuss: {}
        """)).containsExactly("spec.replicass: UNKNOWN_FIELD", "spec.items[1].nam: UNKNOWN_FIELD",
        "spec.embedded.status: UNKNOWN_FIELD", "statuss: UNKNOWN_FIELD");
  }

  @Test
  void wrongTypesNameWhatTheSchemaExpects() throws IOException {
    assertThat(check("""
        spec:
          replicas: three
          ratio: "1.5"
          enabled: "yes"
          port: 1.5
          cpu: [1]
          labels: {a: 1}
          custom: true
          items: {name: a}
        """)).containsExactly("spec.replicas: WRONG_TYPE (integer)", "spec.ratio: WRONG_TYPE (number)",
        "spec.enabled: WRONG_TYPE (boolean)", "spec.port: WRONG_TYPE (integer or string)",
        "spec.cpu: WRONG_TYPE (string or number)", "spec.labels.a: WRONG_TYPE (string)",
        "spec.custom: WRONG_TYPE (integer or string)", "spec.items: WRONG_TYPE (array)");
    // A built-in kind's decoding takes no fraction for an integer, not even .0 (custom resources do: CrdSchema).
    assertThat(check("spec: {replicas: 3.0}")).containsExactly("spec.replicas: WRONG_TYPE (integer)");
  }

  @Test
  void fieldsUnderAnObjectSchemaThatDeclaresNoneAreLeftToTheServer() throws IOException {
    // A built-in RawExtension keeps them; a custom resource's structural schema prunes them.
    assertThat(check("spec: {raw: {kind: Whatever, deep: {x: 1}}, embedded: {spec: {x: 1}}}")).containsExactly(
        "spec.raw.kind: UNJUDGED", "spec.raw.deep: UNJUDGED", "spec.embedded.spec.x: UNJUDGED");
  }

  @Test
  void missingRequiredFieldsAreNamed() throws IOException {
    assertThat(check("kind: Thing")).containsExactly("spec: MISSING_REQUIRED");
    assertThat(check("spec: {items: [{name: a}, {}]}")).containsExactly("spec.items[1].name: MISSING_REQUIRED");
  }
}
