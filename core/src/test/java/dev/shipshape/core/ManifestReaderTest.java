package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  @Test
  void scalarAliasesAreExpanded() {
    ConfigMap map = (ConfigMap) Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: urls}\n"
        + "data:\n  url: &url https://db.example:5432\n  replica_url: *url\n").get(0);
    assertThat(map.getData()).containsEntry("replica_url", "https://db.example:5432");
  }

  @Test
  void aliasesInListsAndOfMapsAreExpanded() {
    List<HasMetadata> objects = Manifests.parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
        + "metadata: {name: reader, namespace: shop}\nrules:\n- apiGroups: ['']\n  resources: [secrets]\n"
        + "  verbs: [&v get, *v]\n---\napiVersion: apps/v1\nkind: Deployment\n"
        + "metadata: {name: web, namespace: shop, labels: &labels {app: web}}\n"
        + "spec:\n  selector: {matchLabels: *labels}\n  template:\n    metadata: {labels: *labels}\n"
        + "    spec: {containers: [{name: web, image: nginx}]}\n");
    assertThat(((Role) objects.get(0)).getRules().get(0).getVerbs()).containsExactly("get", "get");
    Deployment deployment = (Deployment) objects.get(1);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "web"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
  }

  @Test
  void mergeKeysSetTheirKeysWhereTheyAreWritten() {
    // Not "written keys win": kubectl reads a map in order (go-yaml v2), so a merge overwrites the keys before it.
    ConfigMap map = (ConfigMap) Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n"
        + "data:\n  a: '0'\n  <<: &base {a: '1', b: '2'}\n  b: '3'\n").get(0);
    assertThat(map.getData()).isEqualTo(Map.of("a", "1", "b", "3"));
  }

  @Test
  void duplicateKeysAreRejectedWithTheirLine() {
    assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
        + "  name: b\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifest, line 5: duplicate key 'name' in the same mapping, as Kubernetes reads keys — keep "
            + "one of them, or quote a key that is meant as text");
  }

  @Test
  void aliasBombsAreStopped() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> Manifests.parse(bomb.toString()))
        .hasMessageStartingWith("manifest, line 6: more than 1000000 values once aliases are expanded");
  }

  @Test
  void deepNestingIsStoppedWithoutExhaustingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Manifests.parse(deep))
        .hasMessage("manifest, line 1: nested more than 256 levels deep");
  }

  @Test
  void unknownAndRecursiveAliasesAreErrors() {
    assertThatThrownBy(() -> Manifests.parse("a: *nope\n"))
        .hasMessage("manifest, line 1: the alias *nope refers to no anchor defined before it — define &nope first");
    assertThatThrownBy(() -> Manifests.parse("a: &loop [*loop]\n"))
        .hasMessage("manifest, line 1: the alias *loop refers to no anchor defined before it — define &loop first");
  }

  @Test
  void emptyAndCommentOnlyDocumentsAreSkipped() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
    assertThat(Manifests.parse("---\n---\n")).isEmpty();
    assertThat(Manifests.parse(cm + "---\n")).hasSize(1);
    assertThat(Manifests.parse("---\n# Source: chart/templates/empty.yaml\n---\n" + cm + "---\n---\n"))
        .hasSize(1);
    assertThat(ManifestReader.tolerant().parse("---\n# only a comment\n", "x").warnings()).isEmpty();
  }

  @Test
  void leadingZeroIntegersAreOctalAsKubectlReadsThem() {
    GenericKubernetesResource object = (GenericKubernetesResource) ManifestReader.strict().generic()
        .parse("apiVersion: v1\nkind: X\nmetadata: {name: a}\nmode: 0644\nport: 8080\non: yes\n", "m")
        .objects().get(0);
    // YAML 1.1 as kubectl reads it: on and yes are true, and a key becomes a string.
    assertThat(object.getAdditionalProperties()).containsEntry("mode", 420).containsEntry("port", 8080)
        .containsEntry("true", true);
  }

  @Test
  void aStrictReadListsEveryProblem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- 1\n");
    Files.writeString(dir.resolve("b.yaml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("c.yaml"), "a: [\n");
    assertThatThrownBy(() -> Manifests.read(dir)).hasMessage(String.join("\n",
        dir.resolve("a.yaml") + ", document 2 (line 4): not a Kubernetes object — a manifest is a map with "
            + "apiVersion, kind and metadata",
        dir.resolve("b.yaml") + ", document 1 (line 1): not a Kubernetes object — add apiVersion and kind, such as "
            + "'apiVersion: v1' and 'kind: ConfigMap'",
        dir.resolve("c.yaml") + ", line 2, column 1: not valid YAML (expected the node content, but found '<stream end>')"));
  }

  @Test
  void aDocumentThatDoesNotMatchItsKindNamesTheObjectTheFieldAndTheTypesButNeverTheValue() {
    String yaml = String.join("\n",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata: {name: web, namespace: shop}",
        "spec:",
        "  replicas: two",
        "---",
        "apiVersion: v1",
        "kind: Secret",
        "metadata: {name: db, namespace: shop}",
        "stringData: hunter2-is-the-password",
        "---",
        "apiVersion: v1",
        "kind: Pod",
        "metadata: {name: p}",
        "spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}, {containerPort: [8080]}]}]}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {labels: [a]}",
        "");

    assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessage(String.join("\n",
        "manifest, document 1 (line 1): Deployment shop/web does not match its schema: spec.replicas must be an "
            + "integer, not a string — fix the manifest",
        "manifest, document 2 (line 6): Secret shop/db does not match its schema: stringData must be a map, not a "
            + "string — fix the manifest",
        "manifest, document 3 (line 11): Pod p does not match its schema: "
            + "spec.containers[0].ports[1].containerPort must be an integer, not a list — fix the manifest",
        "manifest, document 4 (line 16): ConfigMap (without a name) does not match its schema: metadata.labels must "
            + "be a map, not a list — fix the manifest"));
  }

  @Test
  void aBooleanOrNumberWhereTheModelHasTextIsRefusedAsTheApiServerDoes() {
    // kubectl sends what YAML 1.1 reads (name: y is true, a label 8080 a number); the API server's JSON decoding
    // refuses either where the field is a string, so neither may quietly become text here.
    String yaml = String.join("\n",
        "apiVersion: v1",
        "kind: Secret",
        "metadata: {name: y, namespace: shop}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {name: c, namespace: shop, labels: {port: 8080}}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {name: flags, namespace: shop}",
        "data: {ratio: 0.5, enabled: 'on'}",
        "");

    assertThatThrownBy(() -> Manifests.parse(yaml)).hasMessage(String.join("\n",
        "manifest, document 1 (line 1): Secret (without a name) does not match its schema: metadata.name must be a "
            + "string, not true or false (YAML reads plain y, yes, on, n, no and off as booleans, as kubectl does: "
            + "put the value in quotes) — fix the manifest",
        "manifest, document 2 (line 4): ConfigMap shop/c does not match its schema: metadata.labels.port must be a "
            + "string, not an integer (put the value in quotes to keep it text) — fix the manifest",
        "manifest, document 3 (line 8): ConfigMap shop/flags does not match its schema: data.ratio must be a "
            + "string, not a number (put the value in quotes to keep it text) — fix the manifest"));
  }

  @Test
  void theTypeProblemOfAnObjectAsWrittenNamesTheFieldAndTypesButNeverTheValue() {
    HasMetadata secret = ManifestReader.strict().generic().parse("apiVersion: v1\nkind: Secret\n"
        + "metadata: {name: db, namespace: shop}\nstringData: hunter2-is-the-password\n", "secret.yaml").objects()
        .get(0);

    Problem problem = Manifests.typeProblem(secret).orElseThrow();

    assertThat(problem.toString()).isEqualTo("ERROR Secret shop/db stringData: must be a map, not a string — write "
        + "the value with the type the schema gives ('kubectl explain secret.stringData' shows it)");
    assertThat(Manifests.typeProblem(ManifestReader.strict().generic().parse("apiVersion: v1\nkind: Secret\n"
        + "metadata: {name: db}\nstringData: {password: hunter2}\n", "secret.yaml").objects().get(0))).isEmpty();
  }

  @Test
  void aConversionFailureNamesTheFieldAndTypesAndCarriesNoCauseThatQuotesTheValue() throws Exception {
    JsonNode secret = new ObjectMapper().readTree("{\"apiVersion\": \"v1\", \"kind\": \"Secret\", "
        + "\"metadata\": {\"name\": \"db\"}, \"stringData\": \"hunter2-is-the-password\"}");

    assertThatThrownBy(() -> Manifests.convert(secret, Secret.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stringData must be a map, not a string").hasNoCause();
    assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        + "spec: {ports: [{port: 80, targetPort: {a: 1}}]}\n")).isInstanceOf(ManifestException.class)
        .hasMessage("manifest, document 1 (line 1): Service web does not match its schema: "
            + "spec.ports[0].targetPort must be an integer or a string, not a map — fix the manifest");
  }

  @Test
  void aTolerantReadSkipsWithWarnings(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p}\n"
        + "  spec: {containers: [{name: c, image: i}]}\n- 3\n");
    ManifestRead read = ManifestReader.tolerant().read(dir);
    assertThat(read.objects()).extracting(HasMetadata::getKind).containsExactly("Pod");
    assertThat(read.warnings()).containsExactly(dir.resolve("a.yaml") + ", document 1 (line 1), item 1: skipped, "
        + "not a Kubernetes object — a manifest is a map with apiVersion, kind and metadata");
  }

  @Test
  void clusterSpecYamlResolvesAliases() {
    ClusterSpec spec = ClusterSpec.builder().name("s")
        .yaml("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: &n shop}}\n"
            + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: *n}}\n---\n")
        .build();
    assertThat(spec.plan().resources()).extracting(r -> r.object().getMetadata().getNamespace())
        .containsExactly(null, "shop");
  }
}
