package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The API server, with Velero's CRDs, takes a raw BackupStorageLocation whose endpoint carries a key, whose CA
 * bundle is no PEM, whose credential Secret is missing and whose sync period is no Go duration: only the spec's
 * rules catch them before Velero does.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class RawLocationControlPlaneTest {

  @Test
  void theApiServerTakesWhatTheLocationRulesReport(KubernetesClient client) {
    CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"));
    String ns = "velero-raw-" + System.nanoTime() % 100_000;
    TestNamespaces.create(client, ns);
    String notPem = Base64.getEncoder().encodeToString("/etc/ssl/ca.pem".getBytes(StandardCharsets.UTF_8));
    HasMetadata location = Manifests.parse("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n"
        + "  name: raw\n  namespace: " + ns + "\nspec:\n  provider: aws\n  objectStorage:\n    bucket: backups\n"
        + "    caCert: " + notPem + "\n  credential:\n    name: s3\n    key: cloud\n  backupSyncPeriod: 1 minute\n"
        + "  config:\n    region: us-east-1\n    s3Url: https://AKIAEXAMPLE:s3cr3t@minio.example.com:9000\n"
        + "    insecureSkipTLSVerify: 'true'\n").get(0);

    assertThat(client.resource(location).dryRun().create().getMetadata().getName()).isEqualTo("raw");
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns), location)
        .preExistingCrd(Velero.CRDS).build();
    assertThat(Fixtures.problems(spec)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
        "ERROR [resources] BackupStorageLocation.velero.io " + ns + "/raw spec.config.s3Url",
        "ERROR [resources] BackupStorageLocation.velero.io " + ns + "/raw spec.credential.name",
        "ERROR [resources] BackupStorageLocation.velero.io " + ns + "/raw spec.objectStorage.caCert",
        "ERROR [resources] BackupStorageLocation.velero.io " + ns + "/raw spec.backupSyncPeriod",
        "WARNING [resources] BackupStorageLocation.velero.io " + ns + "/raw spec.config.insecureSkipTLSVerify");
  }
}
