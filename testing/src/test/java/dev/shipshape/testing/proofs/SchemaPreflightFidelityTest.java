package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shipshape.core.internal.schema.SchemaViolation;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The preflight's schema check against the server's published OpenAPI v3 schemas reports exactly the fields that
 * the server's own strict dry run ({@code fieldValidation=Strict}) reports, for generated bad objects of core kinds
 * and of a custom resource: unknown fields at several depths, in list items and map values, under
 * {@code x-kubernetes-preserve-unknown-fields}, and values of the wrong type.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class SchemaPreflightFidelityTest {
  private static final String NAMESPACE = "schema-fidelity";
  private static final Pattern UNKNOWN = Pattern.compile("unknown field \"([^\"]+)\"");
  /** {@code json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32}. */
  private static final Pattern UNMARSHAL = Pattern.compile("Go struct field \\w+\\.(\\S+) of type");

  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.fidelity.example.com}
      spec:
        group: fidelity.example.com
        scope: Namespaced
        names: {plural: widgets, singular: widget, kind: Widget}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                    port: {x-kubernetes-int-or-string: true}
                    nested:
                      type: object
                      properties:
                        deep: {type: object, properties: {level: {type: string}}}
                    items:
                      type: array
                      items: {type: object, properties: {name: {type: string}}}
                    things:
                      type: object
                      additionalProperties: {type: object, properties: {colour: {type: string}}}
                    free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object, properties: {a: {type: string}}}}}
      """;

  /** Objects, each with what is wrong with it: unknown fields at several depths, then wrong types. */
  private static final List<String> OBJECTS = List.of("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: schema-fidelity, labelz: {a: b}}
      spec:
        replicass: 3
        selector: {matchLabels: {app: web}, matchLabelz: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - {name: web, image: nginx, imagePullPolicyy: Always, ports: [{containerPort: 80, hostPortt: 1}]}
            - {name: side, image: nginx, resources: {limitz: {cpu: 1}}}
      """, """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: schema-fidelity}
      data: {mode: live}
      dataa: {level: debug}
      """, """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: schema-fidelity}
      spec: {selector: {app: web}, ports: [{port: 80, targetPort: http, portt: 81}], typo: x}
      """, """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: schema-fidelity}
      rules: [{apiGroups: [""], resources: [pods], verbs: [get], verbz: [list]}]
      """, """
      apiVersion: fidelity.example.com/v1
      kind: Widget
      metadata: {name: w, namespace: schema-fidelity}
      spec:
        size: 1
        port: http
        colour: red
        nested: {deep: {level: x, extra: 1}, other: 2}
        items: [{name: a}, {name: b, nam: c}]
        things: {first: {colour: blue, shade: dark}}
        free: {anything: {goes: here}}
        template: {apiVersion: v1, kind: Thing, metadata: {name: t}, spec: {a: x, b: y}}
      """, """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: typed, namespace: schema-fidelity}
      spec:
        replicas: three
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}
      """, """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: typed, namespace: schema-fidelity}
      data: {mode: [a, b]}
      """, """
      apiVersion: fidelity.example.com/v1
      kind: Widget
      metadata: {name: typed, namespace: schema-fidelity}
      spec: {size: big, nested: {deep: {level: 5}}, items: [{name: 7}]}
      """, """
      apiVersion: fidelity.example.com/v1
      kind: Widget
      metadata: {name: good, namespace: schema-fidelity}
      spec: {size: 2, port: 8080, things: {a: {colour: red}}, free: {x: [1, {y: 2}]}}
      """);

  @Test
  void theSchemaCheckReportsExactlyTheFieldsTheServersStrictDryRunReports(KubernetesClient client) {
    TestNamespaces.create(client, NAMESPACE);
    CustomResourceDefinitions.install(client, client.getKubernetesSerialization().unmarshal(CRD,
        CustomResourceDefinition.class));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ServerSchemas.Loaded schemas = published(new ServerSchemas(client), pool);
      List<String> compared = new ArrayList<>();
      List<String> disagreements = new ArrayList<>();
      for (String text : OBJECTS) {
        JsonNode tree = client.getKubernetesSerialization().unmarshal(text, JsonNode.class);
        Set<String> byServer = serverReports(client, text);
        Set<String> bySchema = schemas.check(tree.path("apiVersion").asText(), tree.path("kind").asText(), tree)
            .orElseThrow().stream().map(SchemaViolation::path).collect(Collectors.toCollection(TreeSet::new));
        String name = tree.path("kind").asText() + " " + tree.path("metadata").path("name").asText();
        if (!agree(byServer, bySchema)) disagreements.add(name + ": server " + byServer + ", schema " + bySchema);
        compared.add(name + " " + byServer);
      }
      assertThat(disagreements).isEmpty();
      // The comparison is not empty-handed: the server found problems in all but the good object.
      assertThat(compared).filteredOn(c -> c.endsWith("[]")).containsExactly("Widget good []");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Equal sets of fields, except that a built-in kind's wrong type is named by Go's JSON decoder, which stops at the
   * first one and writes a struct field without list indices, and a map value as the map field
   * ({@code Go struct field ConfigMap.data of type string} for {@code data.mode}).
   */
  private static boolean agree(Set<String> byServer, Set<String> bySchema) {
    if (byServer.equals(bySchema)) return true;
    if (byServer.size() != 1 || bySchema.isEmpty()) return false;
    String go = byServer.iterator().next();
    return bySchema.stream().map(path -> path.replaceAll("\\[\\d+]", ""))
        .anyMatch(path -> path.equals(go) || path.startsWith(go + "."));
  }

  /** The schemas, once the server publishes the CRD's (a little after it is Established). */
  private static ServerSchemas.Loaded published(ServerSchemas server, ExecutorService pool) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode probe = JsonNodeFactory.instance.objectNode();
    while (true) {
      ServerSchemas.Loaded loaded = server.load(List.of("v1", "apps/v1", "rbac.authorization.k8s.io/v1",
          "fidelity.example.com/v1"), pool);
      if (loaded.check("fidelity.example.com/v1", "Widget", probe).isPresent()) return loaded;
      assertThat(System.nanoTime()).as("the server publishes the Widget schema within 60 s").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** The fields the server's strict dry-run create names as unknown or mistyped. */
  private static Set<String> serverReports(KubernetesClient client, String text) {
    GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(text,
        GenericKubernetesResource.class);
    Set<String> fields = new TreeSet<>();
    try {
      client.resource(object).dryRun().fieldValidation(Validation.STRICT).create();
    } catch (KubernetesClientException e) {
      String message = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
      for (Pattern pattern : List.of(UNKNOWN, UNMARSHAL)) {
        Matcher m = pattern.matcher(message);
        while (m.find()) fields.add(m.group(1));
      }
      if (e.getCode() == 422 && e.getStatus().getDetails() != null) {
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
          if (cause.getField() != null && cause.getMessage().contains("must be of type")) fields.add(cause.getField());
        }
      }
      if (fields.isEmpty()) throw e;
    }
    return fields;
  }
}
