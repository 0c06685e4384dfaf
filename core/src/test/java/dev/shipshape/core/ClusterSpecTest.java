package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec value itself: immutable, never printing Secret data, with a valid name. */
class ClusterSpecTest {
  private static Secret secret() {
    return new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .addToStringData("password", "hunter2").build();
  }

  @Test
  void toStringNamesObjectsButNeverPrintsSecretData() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").resource(secret()).build();

    assertThat(spec.toString())
        .isEqualTo("ClusterSpec{name=shop, kubernetesVersion=1.35, components=[], resources=[Secret shop/db]}")
        .doesNotContain("hunter2");
  }

  @Test
  void changingWhatWasHandedInOrHandedOutDoesNotChangeTheSpec() {
    Secret handedIn = secret();
    ClusterSpec spec = ClusterSpec.builder().name("shop").resource(handedIn).build();

    handedIn.getStringData().put("password", "changed-before");
    ((Secret) spec.rawResources().get(0)).getStringData().put("password", "changed-after");

    assertThat(((Secret) spec.rawResources().get(0)).getStringData()).containsEntry("password", "hunter2");
  }

  @Test
  void manifestsThatCannotBeReadArePlanErrorsBesideEveryOtherProblem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("shop.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Namespace", "metadata: {name: shop}", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata: {name: a, namespace: shop}", "data: [1]", "---",
        "replicas: 2", ""));
    ClusterSpec spec = ClusterSpec.builder().name("shop").yamlFile(dir.resolve("shop.yaml"))
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: elsewhere}\n---\n- a list\n")
        .build();

    assertThat(spec.rawResources()).extracting(o -> ResourceRef.of(o).toString())
        .as("the documents that could be read").containsExactly("Namespace shop", "ConfigMap elsewhere/b");
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly(
                "ERROR [resources]: " + dir.resolve("shop.yaml") + ", document 2 (line 4): ConfigMap shop/a does not "
                    + "match its schema: data must be a map, not a list — fix the manifest",
                "ERROR [resources]: " + dir.resolve("shop.yaml") + ", document 3 (line 9): not a Kubernetes "
                    + "object — add apiVersion and kind, such as 'apiVersion: v1' and 'kind: ConfigMap'",
                "ERROR [resources]: manifest, document 2 (line 4): not a Kubernetes object — a manifest is a map "
                    + "with apiVersion, kind and metadata",
                "ERROR [resources] ConfigMap elsewhere/b metadata.namespace: namespace 'elsewhere' is neither "
                    + "created by the spec nor declared pre-existing — add Namespace elsewhere to the spec, or "
                    + "declare it with preExistingNamespace(\"elsewhere\") (command line: --pre-existing-namespace"
                    + " elsewhere)"));
  }

  @Test
  void anInvalidSpecNameIsRejectedWithTheFix() {
    assertThatThrownBy(() -> ClusterSpec.builder().name("Prod").build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessage("ClusterSpec is invalid: 1 error" + System.lineSeparator()
            + "  ERROR name: spec name 'Prod' is not a DNS-1123 label"
            + " (lower-case letters, digits and '-', starting and ending with a letter or digit) — use lower-case"
            + " letters, digits and '-', at most 63 characters, such as 'prod'");
  }
}
