package dev.shipshape.core.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipshape.core.diff.FieldChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectComparatorTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FieldChange> compare(String desired, String live) {
    return ObjectComparator.compare(yaml(desired), yaml(live), Optional.empty(), false);
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - containerPort: 8080
              resources:
                limits:
                  cpu: "0.5"
                  memory: 1Gi
      """;

  /** The Deployment as an API server returns it: defaults, status and server-managed metadata added. */
  private static final String LIVE_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        uid: 6f0c6b84-3bd2-4a4b-9d5e-1d2a0e0c1a11
        resourceVersion: "4242"
        generation: 3
        creationTimestamp: "2025-01-01T00:00:00Z"
        managedFields:
        - manager: shipshape
          operation: Apply
          apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1: {}
        annotations:
          deployment.kubernetes.io/revision: "3"
      spec:
        replicas: 2
        revisionHistoryLimit: 10
        progressDeadlineSeconds: 600
        strategy:
          type: RollingUpdate
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              imagePullPolicy: IfNotPresent
              terminationMessagePath: /dev/termination-log
              ports:
              - containerPort: 8080
                protocol: TCP
              resources:
                limits:
                  cpu: 500m
                  memory: 1Gi
            restartPolicy: Always
            dnsPolicy: ClusterFirst
      status:
        replicas: 2
        readyReplicas: 2
      """;

  @Test
  void serverFieldsDefaultsAndCanonicalQuantitiesAreNoChange() {
    assertThat(compare(DEPLOYMENT, LIVE_DEPLOYMENT)).isEmpty();
  }

  @Test
  void statusInTheDesiredObjectIsIgnored() {
    assertThat(compare(DEPLOYMENT + "status:\n  replicas: 5\n", LIVE_DEPLOYMENT)).isEmpty();
  }

  @Test
  void aChangedValueIsListedWithItsPathAndBothValues() {
    List<FieldChange> changes = compare(DEPLOYMENT.replace("nginx:1.27", "nginx:1.28").replace("replicas: 2",
        "replicas: 3"), LIVE_DEPLOYMENT);

    assertThat(changes).containsExactly(
        FieldChange.of("spec.replicas", FieldChange.Kind.CHANGED, Optional.of("2"), Optional.of("3")),
        FieldChange.of("spec.template.spec.containers[0].image", FieldChange.Kind.CHANGED, Optional.of("nginx:1.27"),
            Optional.of("nginx:1.28")));
    assertThat(changes.get(1)).hasToString("~ spec.template.spec.containers[0].image: nginx:1.27 -> nginx:1.28");
  }

  @Test
  void aQuantityWithAnotherAmountIsAChange() {
    assertThat(compare(DEPLOYMENT.replace("\"0.5\"", "\"0.6\""), LIVE_DEPLOYMENT)).containsExactly(
        FieldChange.of("spec.template.spec.containers[0].resources.limits.cpu", FieldChange.Kind.CHANGED,
            Optional.of("500m"), Optional.of("0.6")));
  }

  @Test
  void textThatOnlyLooksLikeAQuantityOutsideResourcesIsCompared() {
    assertThat(compare("metadata:\n  labels:\n    version: \"1.0\"\n", "metadata:\n  labels:\n    version: \"1\"\n"))
        .containsExactly(FieldChange.of("metadata.labels.version", FieldChange.Kind.CHANGED, Optional.of("1"),
            Optional.of("1.0")));
  }

  @Test
  void anAddedFieldAndAListOfAnotherLengthAreChanges() {
    List<FieldChange> changes = compare("""
        metadata:
          labels:
            tier: web
        spec:
          ports:
          - port: 80
          - port: 443
        """, """
        metadata: {}
        spec:
          ports:
          - port: 80
            protocol: TCP
        """);

    assertThat(changes).containsExactly(
        FieldChange.of("metadata.labels", FieldChange.Kind.ADDED, Optional.empty(), Optional.of("{\"tier\":\"web\"}")),
        FieldChange.of("spec.ports", FieldChange.Kind.CHANGED, Optional.of("[{\"port\":80,\"protocol\":\"TCP\"}]"),
            Optional.of("[{\"port\":80},{\"port\":443}]")));
    assertThat(changes.get(0)).hasToString("+ metadata.labels: {\"tier\":\"web\"}");
  }

  @Test
  void numbersWrittenAsTextAreTheSameValue() {
    assertThat(compare("spec:\n  port: \"8080\"\n", "spec:\n  port: 8080\n")).isEmpty();
  }

  @Test
  void anIntegerAndADoubleOfTheSameValueAreTheSameNumber() {
    String live = "schema:\n  minimum: 0\n  maximum: 4294967295\n";
    assertThat(compare("schema:\n  minimum: 0.0\n  maximum: 4.294967295E9\n", live)).isEmpty();
    assertThat(compare("schema:\n  minimum: 0.5\n  maximum: 4.294967295E9\n", live))
        .extracting(FieldChange::toString).containsExactly("~ schema.minimum: 0 -> 0.5");
    // Not from YAML (its parser rejects .nan), but a tree built in code may hold one.
    assertThat(ObjectComparator.compare(YAML.createObjectNode().put("ratio", Double.NaN),
        yaml("ratio: 1\n"), Optional.empty(), false)).extracting(FieldChange::toString)
        .containsExactly("~ ratio: 1 -> \"NaN\"");
  }

  private static final String LIVE_CONFIG_MAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web
        managedFields:
        - manager: kubectl-edit
          operation: Update
          fieldsV1:
            f:data:
              f:edited: {}
        - manager: shipshape
          operation: Apply
          fieldsV1:
            f:metadata:
              f:labels:
                f:tier: {}
            f:data:
              f:mode: {}
              f:old: {}
      data:
        mode: production
        old: value
        edited: by hand
      """;

  @Test
  void aFieldTheManagerAppliedButNoLongerSetsIsARemoval() {
    JsonNode live = yaml(LIVE_CONFIG_MAP.replace("  name: web\n", "  name: web\n  labels:\n    tier: web\n"));
    JsonNode desired = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web
        data:
          mode: production
        """);

    List<FieldChange> changes = ObjectComparator.compare(desired, live,
        ObjectComparator.ownedFields(live, "shipshape"), false);

    // data.edited belongs to another manager: applying leaves it alone, so it is no change.
    assertThat(changes).containsExactly(
        FieldChange.of("metadata.labels", FieldChange.Kind.REMOVED, Optional.of("{\"tier\":\"web\"}"),
            Optional.empty()),
        FieldChange.of("data.old", FieldChange.Kind.REMOVED, Optional.of("value"), Optional.empty()));
    assertThat(changes.get(1)).hasToString("- data.old: value");
  }

  @Test
  void ownedFieldsAreThoseTheManagerApplied() {
    JsonNode live = yaml(LIVE_CONFIG_MAP);

    assertThat(ObjectComparator.ownedFields(live, "shipshape")).isPresent()
        .hasValueSatisfying(owned -> assertThat(owned.path("f:data").has("f:old")).isTrue());
    assertThat(ObjectComparator.ownedFields(live, "kubectl-edit")).isEmpty();
    assertThat(ObjectComparator.ownedFields(live, "helm")).isEmpty();
  }

  @Test
  void secretValuesAreHiddenButTheirPathsListed() {
    List<FieldChange> changes = ObjectComparator.compare(
        yaml("data:\n  token: bmV3LXRva2Vu\n  added: YWRkZWQ=\n"),
        yaml("data:\n  token: b2xkLXRva2Vu\n"), Optional.empty(), true);

    assertThat(changes).containsExactly(
        FieldChange.of("data.token", FieldChange.Kind.CHANGED, Optional.of(FieldChange.HIDDEN),
            Optional.of(FieldChange.HIDDEN)),
        FieldChange.of("data.added", FieldChange.Kind.ADDED, Optional.empty(), Optional.of(FieldChange.HIDDEN)));
    assertThat(changes.toString()).doesNotContain("bmV3LXRva2Vu", "b2xkLXRva2Vu", "YWRkZWQ=");
  }

  @Test
  void longValuesAreShortened() {
    String longImage = "registry.example.com/" + "a".repeat(200);

    List<FieldChange> changes = compare("image: " + longImage + "\n", "image: short\n");

    assertThat(changes.get(0).after().orElseThrow()).hasSize(121).endsWith("…")
        .startsWith("registry.example.com/aaa");
  }

  @Test
  void anEmptyValueTheServerOmitsIsNoChangeButAValueItLacksIs() {
    String desired = """
        kind: RoleBinding
        subjects:
        - kind: ServiceAccount
          apiGroup: ""
          name: web
        metadata:
          annotations: {}
        """;
    String live = """
        kind: RoleBinding
        subjects:
        - kind: ServiceAccount
          name: web
        metadata:
          name: x
        """;

    assertThat(compare(desired, live)).isEmpty();
    assertThat(compare(desired.replace("apiGroup: \"\"", "apiGroup: rbac.authorization.k8s.io"), live))
        .extracting(FieldChange::path).containsExactly("subjects[0].apiGroup");
  }
}
