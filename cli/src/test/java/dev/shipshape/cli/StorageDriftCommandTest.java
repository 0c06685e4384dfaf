package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code shipshape storage drift}: an embedded cluster with one PersistentVolume against inventory files. */
class StorageDriftCommandTest extends EmbeddedCommandsTest {
  @BeforeEach
  void createAVolume() {
    cluster.client().resource(new CSIDriverBuilder().withNewMetadata().withName("cinder.csi.openstack.org")
        .endMetadata().withNewSpec().endSpec().build()).create();
    cluster.client().resource(new PersistentVolumeBuilder().withNewMetadata().withName("pv-1").endMetadata()
        .withNewSpec().addToCapacity("storage", new Quantity("10Gi")).withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy("Delete").withNewCsi().withDriver("cinder.csi.openstack.org")
        .withVolumeHandle("6c1a3f0e-0000-4000-8000-000000000001").endCsi().endSpec().build()).create();
  }

  private Path inventory(String json) throws IOException {
    Path file = dir.resolve("volumes.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void aVolumeMissingFromTheBackendFailsAtHighWithItsRemediation() throws IOException {
    String file = inventory("[]").toString();
    CliRunner.Result result = cli.run("storage", "drift", "--live", "--embedded", "--inventory", file,
        "--fail-on", "high", "--remediation");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).contains("storage-volume-missing", "PersistentVolume pv-1 refers to openstack volume"
        + " 6c1a3f0e-0000-4000-8000-000000000001, which the backend does not have",
        "Remediation plan (review every step; nothing has been run):",
        "$ openstack volume show 6c1a3f0e-0000-4000-8000-000000000001", "$ kubectl delete pv pv-1");
    CliRunner.Result withoutFailOn = cli.run("storage", "drift", "--live", "--embedded", "--inventory", file);
    assertThat(withoutFailOn.exitCode).as("drift has no threshold of its own: " + withoutFailOn).isZero();
    assertThat(withoutFailOn.out).contains("storage-volume-missing").doesNotContain("--fail-on");
  }

  @Test
  void aMatchingInventoryPassesAndRendersAsJsonAndSarif() throws IOException {
    String file = inventory("[{\"ID\": \"6c1a3f0e-0000-4000-8000-000000000001\", \"Name\": \"\", \"Status\":"
        + " \"available\", \"Size\": 10, \"Attached to\": [], \"Properties\": {}}]").toString();
    CliRunner.Result json = cli.run("storage", "drift", "--live", "--embedded", "--inventory", file,
        "--provider", "openstack", "--fail-on", "low", "--format", "json", "--remediation");
    assertThat(json.exitCode).as(json.toString()).isZero();
    assertThat(json.out).startsWith("{\"report\": {").contains("\"remediation\": {");
    CliRunner.Result sarif = cli.run("storage", "drift", "--live", "--embedded", "--inventory", file,
        "--format", "sarif");
    assertThat(sarif.exitCode).as(sarif.toString()).isZero();
    assertThat(sarif.out).contains("\"version\"", "2.1.0");
  }

  @Test
  void usageAndInventoryErrors() throws IOException {
    String file = inventory("[]").toString();
    assertThat(cli.run("storage", "drift", "--inventory", file).exitCode).isEqualTo(2);
    assertThat(cli.run("storage", "drift", "--live", "--embedded", "--inventory", file, "--format", "sarif",
        "--remediation").exitCode).isEqualTo(2);
    assertThat(cli.run("storage", "drift", "--live", "--embedded", "--inventory", file, "--provider", "gcp")
        .exitCode).isEqualTo(2);
    CliRunner.Result broken = cli.run("storage", "drift", "--live", "--embedded", "--inventory",
        inventory("[{\"Name\": \"x\", \"Attached to\": []}]").toString());
    assertThat(broken.exitCode).isEqualTo(3);
    assertThat(broken.err).contains("volumes.json [0]: has no \"ID\"");
    String invalid = inventory("{").toString();
    CliRunner.Result unparsable = cli.run("storage", "drift", "--live", "--embedded", "--inventory", invalid);
    assertThat(unparsable.exitCode).as(unparsable.toString()).isEqualTo(3);
    assertThat(unparsable.err).isEqualTo(invalid + ": not valid JSON at line 1, column 2 — pass the inventory as the "
        + "provider's command line exported it\n");
  }
}
