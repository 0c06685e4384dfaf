package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.core.testing.TestManifests;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server, with Velero's CRDs, takes a Restore the restore rules pass, and refuses Restores whose
 * {@code onError} is not in the CRD's enum or whose field has the wrong type: the rules report those too.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class RawRestoreControlPlaneTest {

  private static HasMetadata restore(String ns, String name, String spec) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: " + name + "\n  namespace: "
        + ns + "\nspec:\n  backupName: b-1\n  includedNamespaces: [" + ns + "]\n" + spec).get(0);
  }

  private static List<String> problems(String ns, HasMetadata restore) {
    return Fixtures.problems(ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns), restore)
        .preExistingCrd(Velero.CRDS).build());
  }

  @Test
  void theApiServerAndTheRestoreRulesAgree(KubernetesClient client) {
    CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"));
    String ns = "velero-restore-" + System.nanoTime() % 100_000;
    TestNamespaces.create(client, ns);
    String at = "ERROR [resources] Restore.velero.io " + ns + "/";

    HasMetadata clean = restore(ns, "clean", "  namespaceMapping: {" + ns + ": " + ns + "-copy}\n"
        + "  existingResourcePolicy: update\n  itemOperationTimeout: 4h\n  restorePVs: true\n  hooks:\n"
        + "    resources:\n    - name: warm\n      postHooks:\n"
        + "      - exec: {command: [sh, -c, 'true'], onError: Continue, execTimeout: 30s, waitTimeout: 5m}\n"
        + "      - init: {timeout: 2m, initContainers: [{name: prep, image: 'busybox:1', command: [sh]}]}\n");
    assertThat(client.resource(clean).dryRun().create().getMetadata().getName()).isEqualTo("clean");
    assertThat(problems(ns, clean)).isEmpty();

    HasMetadata onError = restore(ns, "on-error", "  hooks:\n    resources:\n    - name: warm\n      postHooks:\n"
        + "      - exec: {command: [sync], onError: Sometimes}\n");
    assertThatThrownBy(() -> client.resource(onError).dryRun().create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("onError");
    assertThat(problems(ns, onError)).singleElement().asString()
        .startsWith(at + "on-error spec.hooks.resources[0].postHooks[0].exec.onError: 'Sometimes'");

    HasMetadata unnamed = restore(ns, "unnamed", "  hooks:\n    resources:\n    - includedNamespaces: [" + ns
        + "]\n");
    assertThatThrownBy(() -> client.resource(unnamed).dryRun().create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.hooks.resources[0].name")
        .hasMessageContaining("Required value");
    assertThat(problems(ns, unnamed)).singleElement().asString()
        .startsWith(at + "unnamed spec.hooks.resources[0].name: is missing");

    HasMetadata emptyName = restore(ns, "empty-name", "  hooks:\n    resources:\n    - name: ''\n");
    assertThat(client.resource(emptyName).dryRun().create().getMetadata().getName()).isEqualTo("empty-name");
    assertThat(problems(ns, emptyName)).singleElement().asString()
        .startsWith("WARNING [resources] Restore.velero.io " + ns + "/empty-name spec.hooks.resources[0].name");

    HasMetadata loose = restore(ns, "loose", "  hooks:\n    resources:\n    - name: warm\n      postHooks:\n"
        + "      - init: {initContainers: [{name: a, image: b, command: [c], ports: 80}]}\n");
    assertThat(client.resource(loose).dryRun().create().getMetadata().getName()).isEqualTo("loose");
    assertThat(problems(ns, loose)).singleElement().asString().startsWith(at + "loose"
        + " spec.hooks.resources[0].postHooks[0].init.initContainers[0]: is not a container: its field ports");

    HasMetadata emptyOr = restore(ns, "empty-or", "  labelSelector: {matchLabels: {app: db}}\n"
        + "  orLabelSelectors: []\n");
    HasMetadata kept = client.resource(emptyOr).dryRun().create();
    assertThat(Manifests.toTree(kept).path("spec").path("orLabelSelectors").isArray()).isTrue();
    assertThat(problems(ns, emptyOr)).singleElement().asString()
        .startsWith(at + "empty-or spec.orLabelSelectors: is set together with labelSelector");

    HasMetadata misfit = restore(ns, "misfit", "  restorePVs: 'yes'\n");
    assertThatThrownBy(() -> client.resource(misfit).dryRun().create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.restorePVs");
    assertThat(problems(ns, misfit)).singleElement().asString()
        .startsWith(at + "misfit spec.restorePVs: does not have the type");
  }
}
