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

    HasMetadata misfit = restore(ns, "misfit", "  restorePVs: 'yes'\n");
    assertThatThrownBy(() -> client.resource(misfit).dryRun().create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.restorePVs");
    assertThat(problems(ns, misfit)).singleElement().asString()
        .startsWith(at + "misfit spec.restorePVs: does not have the type");
  }
}
