package dev.shipshape.testing.proofs;

import static dev.shipshape.testing.proofs.Preflights.rejectedBeforeAnyWrite;
import static dev.shipshape.testing.proofs.ProofObjects.crd;
import static dev.shipshape.testing.proofs.ProofObjects.namespace;
import static dev.shipshape.testing.proofs.ProofObjects.webDeployment;
import static dev.shipshape.testing.proofs.Reports.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Strict field validation ({@code fieldValidation=Strict}) in the checks before the first write, and server-side
 * dry runs of plans that create the namespaces their objects live in, on a real API server.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class StrictValidationOnRealServerTest {
  private static List<String> described(PreflightException e) {
    return e.problems().stream().map(p -> p.resource().orElseThrow() + " " + p.field().orElse("") + ": "
        + p.message()).collect(Collectors.toList());
  }

  @Test
  void unknownFieldsAreReportedWithEveryOtherProblemBeforeTheFirstWrite(KubernetesClient client) {
    TestNamespaces.create(client, "strict-shop");
    client.configMaps().inNamespace("strict-shop").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").endMetadata().addToData("mode", "live").build()).create();
    ClusterSpec spec = ClusterSpec.builder().name("strict-shop").preExistingNamespace("strict-shop", "strict-gone")
        .yaml(webDeployment("strict-shop", "replicass: 3", ", imagePullPolice: Always") + "---\n" + """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: strict-shop}
            data: {mode: test}
            dataa: {level: debug}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: elsewhere, namespace: strict-gone}
            """).build();
    PreflightException rejected = rejectedBeforeAnyWrite(client, spec);

    assertThat(described(rejected)).containsExactlyInAnyOrder(
              // A new object is dry-run created: the server lists every unknown field at once.
              "Deployment.apps strict-shop/web spec.replicass: unknown field: the server's schema of apps/v1 "
                  + "Deployment declares no such field",
              "Deployment.apps strict-shop/web spec.template.spec.containers[0].imagePullPolice: unknown field: "
                  + "the server's schema of apps/v1 Deployment declares no such field",
              // An existing object is dry-run applied.
              "ConfigMap strict-shop/settings dataa: unknown field: the server's schema of v1 ConfigMap declares "
                  + "no such field",
              "ConfigMap strict-gone/elsewhere metadata.namespace: namespace 'strict-gone' does not exist on the "
                  + "server, and the spec does not create it");
    assertThat(rejected).hasMessageContaining("correct the field's name or remove it (kubectl explain lists the "
        + "fields of apps/v1 Deployment)");
    assertThat(client.apps().deployments().inNamespace("strict-shop").withName("web").get()).isNull();
  }

  @Test
  void aMissingRequiredFieldIsLeftToTheServersDryRunAndFoundBeforeTheFirstWrite(KubernetesClient client) {
    // The container has no name.
    ClusterSpec spec = ClusterSpec.builder().name("strict-typed").yaml(namespace("strict-typed") + "---\n"
        + webDeployment("strict-typed", "replicas: 2", "").replace("{name: web, image:", "{image:")).build();

    assertThat(described(rejectedBeforeAnyWrite(client, spec))).singleElement().asString()
        .startsWith("Deployment.apps strict-typed/web spec.template.spec.containers[0].name: ")
        .contains("Required value");
    assertThat(client.namespaces().withName("strict-typed").get()).isNull();
  }

  @Test
  void anInvalidValueIsReportedWithItsFieldAndTheServersMessage(KubernetesClient client) {
    ClusterSpec spec = ClusterSpec.builder().name("strict-value").yaml(namespace("strict-value") + "---\n"
        + webDeployment("strict-value", "replicas: 2\n  minReadySeconds: -5", "")).build();

    // The published schema cannot judge values: asked to, the preflight dry-runs new objects too.
    KubernetesExecutor dryRunningNewObjects = KubernetesExecutor.builder(client).dryRunNewObjects(true).build();
    assertThatThrownBy(() -> dryRunningNewObjects.apply(spec.plan(), ApplyOptions.defaults()))
        .isInstanceOf(PreflightException.class)
        .satisfies(e -> assertThat(((PreflightException) e).problems()).singleElement().satisfies(p -> {
          assertThat(p.field()).contains("spec.minReadySeconds");
          assertThat(p.message()).startsWith("the server rejects it: Invalid value: -5: must be greater than or "
              + "equal to 0")
              // The namespace does not exist yet: the Deployment was checked in one that does.
              .endsWith("(checked in namespace 'default', as namespace 'strict-value' does not exist yet)");
        }));
    assertThat(client.namespaces().withName("strict-value").get()).isNull();
  }

  @Test
  void aDryRunChecksTheObjectsOfNamespacesThePlanCreatesAndNamesThoseItCannotCheck(KubernetesClient client) {
    ClusterSpec spec = ClusterSpec.builder().name("strict-dry").yaml(namespace("strict-dry") + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: strict-dry}
        data: {mode: live}
        ---
        """ + crd("strict.example.com", "gadgets", "gadget", "Gadget", "size: {type: integer}") + """
        ---
        apiVersion: strict.example.com/v1
        kind: Gadget
        metadata: {name: g, namespace: strict-dry}
        spec: {size: 1}
        ---
        """ + webDeployment("strict-dry", "replicas: 1", ", imagePullPolice: Always")).build();
    ApplyOptions dryRun = ApplyOptions.builder().dryRun(true).build();
    WriteCounter counter = WriteCounter.create();

    ApplyReport report;
    try (KubernetesClient counting = counter.countingClient(client)) {
      report = KubernetesExecutor.builder(counting).preflight(false).build().apply(spec.plan(), dryRun);
    }

    assertThat(report.dryRun()).isTrue();
    assertThat(resultOf(report, "Namespace").outcome()).isEqualTo(Outcome.CREATED);
    assertThat(resultOf(report, "ConfigMap")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.message()).contains("checked in namespace 'default', as namespace 'strict-dry' does not exist "
          + "yet (this plan creates it)");
    });
    assertThat(resultOf(report, "Deployment")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.message().orElseThrow()).startsWith("spec.template.spec.containers[0].imagePullPolice: unknown "
          + "field: the server's schema of apps/v1 Deployment declares no such field (checked in namespace "
          + "'default', as namespace 'strict-dry' does not exist yet)");
    });
    assertThat(resultOf(report, "Gadget")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
      assertThat(r.message()).contains("not checked by this dry run: the server does not serve "
          + "strict.example.com/v1 Gadget yet (a CustomResourceDefinition of this plan defines it; the schema there "
          + "finds nothing wrong)");
    });
    assertThat(resultOf(report, "CustomResourceDefinition").outcome()).isEqualTo(Outcome.CREATED);
    assertThat(counter.writes()).isEmpty();
    assertThat(client.namespaces().withName("strict-dry").get()).isNull();
    assertThat(client.configMaps().inNamespace("default").list().getItems())
        .noneMatch(cm -> cm.getMetadata().getName().startsWith("settings"));
  }

  private static String dials(String specProperties) {
    return crd("strict.example.com", "dials", "dial", "Dial", specProperties);
  }

  @Test
  void aCustomResourceUsingAFieldItsChangedCrdAddsIsNotJudgedByTheOldSchema(KubernetesClient client) {
    String namespaceDocument = "---\n" + namespace("strict-crd");
    ClusterSpec first = ClusterSpec.builder().name("strict-crd").yaml(dials("size: {type: integer}")
        + namespaceDocument)
        .build();
    KubernetesExecutor.using(client).apply(first.plan(), ApplyOptions.defaults()).throwIfFailed();
    String dial = namespaceDocument + """
        ---
        apiVersion: strict.example.com/v1
        kind: Dial
        metadata: {name: d, namespace: strict-crd}
        spec: {size: 1, %s: red}
        """;
    // With an unchanged CRD, the live CRD's schema is the one that counts: an unknown field is found.
    ClusterSpec unknown = ClusterSpec.builder().name("strict-crd").yaml(dials("size: {type: integer}")
        + dial.formatted("colour")).build();
    assertThatThrownBy(() -> KubernetesExecutor.using(client).apply(unknown.plan(), ApplyOptions.defaults()))
        .isInstanceOf(PreflightException.class)
        .hasMessageContaining("Dial.strict.example.com strict-crd/d spec.colour: unknown field");

    // With a changed CRD, the schema in the plan's CRD is the one that counts.
    ClusterSpec misspelt = ClusterSpec.builder().name("strict-crd")
        .yaml(dials("size: {type: integer}, color: {type: string}") + dial.formatted("colr")).build();
    assertThat(described(rejectedBeforeAnyWrite(client, misspelt))).containsExactly("Dial.strict.example.com "
        + "strict-crd/d spec.colr: unknown field: the schema of strict.example.com/v1 Dial in "
        + "CustomResourceDefinition dials.strict.example.com declares no such field");

    ClusterSpec upgraded = ClusterSpec.builder().name("strict-crd")
        .yaml(dials("size: {type: integer}, color: {type: string}") + dial.formatted("color")).build();
    ApplyReport report = KubernetesExecutor.using(client).apply(upgraded.plan(), ApplyOptions.defaults());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(client.genericKubernetesResources("strict.example.com/v1", "Dial").inNamespace("strict-crd")
        .withName("d").get().getAdditionalProperties().get("spec")).isEqualTo(java.util.Map.of("size", 1,
        "color", "red"));
  }

  @Test
  void aCustomResourceWhoseUnchangedCrdIsNeverEstablishedIsReportedBeforeTheFirstWrite(KubernetesClient client) {
    String group = "strict-names.example.com";
    String knobs = crd(group, "knobs", "knob", "Knob", "size: {type: integer}");
    // The singular name is taken by the CRD above: the server never accepts this one's names nor serves it.
    String widgets = crd(group, "widgets", "knob", "Widget", "size: {type: integer}") + "---\n"
        + namespace("strict-names");
    KubernetesExecutor.using(client).apply(ClusterSpec.builder().name("strict-knobs").yaml(knobs).build().plan(),
        ApplyOptions.defaults()).throwIfFailed();
    ClusterSpec crdOnly = ClusterSpec.builder().name("strict-names").yaml(widgets).build();
    KubernetesExecutor.using(client).apply(crdOnly.plan(), ApplyOptions.defaults()).throwIfFailed();
    awaitCondition(client, "widgets." + group, "NamesAccepted", "False");
    ClusterSpec withWidget = ClusterSpec.builder().name("strict-names").yaml(widgets + """
        ---
        apiVersion: strict-names.example.com/v1
        kind: Widget
        metadata: {name: w, namespace: strict-names}
        spec: {size: 1}
        """).build();
    WriteCounter counter = WriteCounter.create();

    PreflightException rejected;
    try (KubernetesClient counting = counter.countingClient(client)) {
      rejected = catchThrowableOfType(PreflightException.class, () -> KubernetesExecutor.builder(counting)
          .timeout(Duration.ofSeconds(2)).build().apply(withWidget.plan(), ApplyOptions.defaults()));
    }

    assertThat(rejected).isNotNull();
    // Told at once, from the CRD's status: the apply's gate would wait for it in vain.
    assertThat(described(rejected)).containsExactly("Widget.strict-names.example.com strict-names/w apiVersion: the "
        + "server does not serve strict-names.example.com/v1 Widget: the server refused the names of "
        + "CustomResourceDefinition widgets.strict-names.example.com (SingularConflict: \"knob\" is already in use)");
    assertThat(rejected).hasMessageContaining("choose names in spec.names that no other CustomResourceDefinition of "
        + "group strict-names.example.com uses, or remove the one that holds them");
    assertThat(counter.writes()).isEmpty();
  }

  @Test
  void aCustomResourceOfANewCrdIsCheckedAgainstThePlansSchemaAsTheServerWouldCheckIt(KubernetesClient client) {
    String group = "strict-new.example.com";
    String gauges = crd(group, "gauges", "gauge", "Gauge", "size: {type: integer}, unit: {type: string}, "
        + "template: {type: object, x-kubernetes-embedded-resource: true, properties: {metadata: {type: object, "
        + "properties: {name: {type: string}}}, spec: {type: object, properties: {image: {type: string}}}}}");
    // A whole number for an integer and an embedded resource's metadata beyond what its schema declares are fine.
    String gauge = """
        apiVersion: strict-new.example.com/v1
        kind: Gauge
        metadata: {name: g, namespace: strict-new, labels: {app: web}}
        spec:
          size: 2.0
          unit: 5
          colour: red
          template: {apiVersion: v1, kind: Pod, metadata: {generateName: g-, labels: {a: b}}, spec: {image: x}}
        """;
    ClusterSpec spec = ClusterSpec.builder().name("strict-new").yaml(namespace("strict-new") + "---\n" + gauges
        + "---\n" + gauge).build();

    assertThat(described(rejectedBeforeAnyWrite(client, spec))).containsExactly(
        "Gauge.strict-new.example.com strict-new/g spec.unit: wrong type: the schema of strict-new.example.com/v1 "
            + "Gauge in CustomResourceDefinition gauges.strict-new.example.com expects a string here",
        "Gauge.strict-new.example.com strict-new/g spec.colour: unknown field: the schema of "
            + "strict-new.example.com/v1 Gauge in CustomResourceDefinition gauges.strict-new.example.com declares no "
            + "such field");

    // Once the CRD is served, the server's strict validation finds the same two fields, one at a time: decoding
    // (unknown fields) comes before validation (types); and nothing else.
    KubernetesExecutor.using(client).apply(ClusterSpec.builder().name("strict-new").yaml(namespace("strict-new")
        + "---\n" + gauges).build().plan(), ApplyOptions.defaults()).throwIfFailed();
    awaitCondition(client, "gauges." + group, "Established", "True");
    assertThatThrownBy(() -> strictDryRunCreate(client, gauge)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("unknown field \"spec.colour\"");
    String known = gauge.replace("  colour: red\n", "");
    assertThatThrownBy(() -> strictDryRunCreate(client, known)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.unit in body must be of type string");
    strictDryRunCreate(client, known.replace("unit: 5", "unit: cm"));
  }

  /** A strict dry-run create of a Gauge, named by its resource (discovery may not list it yet). */
  private static void strictDryRunCreate(KubernetesClient client, String yaml) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    ResourceDefinitionContext gauges = new ResourceDefinitionContext.Builder().withGroup("strict-new.example.com")
        .withVersion("v1").withKind("Gauge").withPlural("gauges").withNamespaced(true).build();
    client.genericKubernetesResources(gauges).inNamespace(object.getMetadata().getNamespace()).resource(object)
        .dryRun().fieldValidation(Validation.STRICT).create();
  }

  /** Waits until the server publishes an OpenAPI v3 document for this path ({@code apis/GROUP/VERSION}). */
  private static void awaitPublished(KubernetesClient client, String path) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!client.raw("/openapi/v3").contains("\"" + path + "\"")) {
      assertThat(System.nanoTime()).as("OpenAPI v3 of " + path + " published within 30 s").isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The preflight's problems once discovery lists the kinds (a moment after their CRDs are established). */
  private static List<String> problemsOnceServed(KubernetesClient client, ClusterSpec spec) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<String> problems = described(rejectedBeforeAnyWrite(client, spec));
      if (problems.stream().noneMatch(p -> p.contains("does not serve")) || System.nanoTime() > deadline) {
        return problems;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return problems;
      }
    }
  }

  private static void awaitCondition(KubernetesClient client, String crd, String type, String status) {
    client.apiextensions().v1().customResourceDefinitions().withName(crd).waitUntilCondition(
        d -> d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && status.equals(c.getStatus())), 30, TimeUnit.SECONDS);
  }

  @Test
  void aCustomResourceOfACrdOutsideThePlanTakesWholeNumbersForIntegersAsTheServerDoes(KubernetesClient client) {
    // The CRD is installed by someone else: its kind's schema comes from the server's published OpenAPI.
    client.resource(Serialization.unmarshal(crd("strict-outside.example.com", "meters", "meter", "Meter",
        "count: {type: integer}"), CustomResourceDefinition.class)).serverSideApply();
    awaitCondition(client, "meters.strict-outside.example.com", "Established", "True");
    awaitPublished(client, "apis/strict-outside.example.com/v1");
    String meter = namespace("strict-outside") + """
        ---
        apiVersion: strict-outside.example.com/v1
        kind: Meter
        metadata: {name: m, namespace: strict-outside}
        spec: {count: %s}
        """;
    ClusterSpec fractional = ClusterSpec.builder().name("strict-outside").yaml(meter.formatted("2.5")).build();
    // Found by the preflight's own check against the published schema, not left to the server's dry run.
    assertThat(problemsOnceServed(client, fractional)).singleElement().asString().startsWith("Meter.strict-outside"
        + ".example.com strict-outside/m spec.count: wrong type: the server's schema of "
        + "strict-outside.example.com/v1 Meter expects an integer here");

    ClusterSpec whole = ClusterSpec.builder().name("strict-outside").yaml(meter.formatted("2.0")).build();
    ApplyReport report = KubernetesExecutor.using(client).apply(whole.plan(), ApplyOptions.defaults());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup("strict-outside.example.com").withVersion("v1").withKind("Meter").withPlural("meters")
        .withNamespaced(true).build()).inNamespace("strict-outside").withName("m").get()
        .getAdditionalProperties().get("spec")).isEqualTo(java.util.Map.of("count", 2));
  }

  @Test
  void aCustomResourceIsJudgedByTheLiveCrdWhenAnotherManagerWidenedItsSchema(KubernetesClient client) {
    String group = "strict-wide.example.com";
    ClusterSpec spec = ClusterSpec.builder().name("strict-wide").yaml(namespace("strict-wide") + "---\n"
        + crd(group, "lamps", "lamp", "Lamp", "size: {type: integer}")).build();
    KubernetesExecutor.using(client).apply(spec.plan(), ApplyOptions.defaults()).throwIfFailed();
    // Another field manager adds a field to the schema; the plan's CRD, which does not set it, stays unchanged.
    client.resource(Serialization.unmarshal(crd(group, "lamps", "lamp", "Lamp",
            "size: {type: integer}, colour: {type: string}"), CustomResourceDefinition.class))
        .fieldManager("platform-team").forceConflicts().serverSideApply();
    awaitCondition(client, "lamps." + group, "Established", "True");
    ClusterSpec withLamp = ClusterSpec.builder().name("strict-wide").yaml(namespace("strict-wide") + "---\n"
        + crd(group, "lamps", "lamp", "Lamp", "size: {type: integer}") + """
        ---
        apiVersion: strict-wide.example.com/v1
        kind: Lamp
        metadata: {name: l, namespace: strict-wide}
        spec: {size: 1, colour: red}
        """).build();

    ApplyReport report = KubernetesExecutor.using(client).apply(withLamp.plan(), ApplyOptions.defaults());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(resultOf(report, "CustomResourceDefinition").outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(group)
        .withVersion("v1").withKind("Lamp").withPlural("lamps").withNamespaced(true).build())
        .inNamespace("strict-wide").withName("l").get().getAdditionalProperties().get("spec"))
        .isEqualTo(java.util.Map.of("size", 1, "colour", "red"));
  }
}
