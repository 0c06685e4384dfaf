package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.stream.Collectors;

/** A small tenant spec to hang backup components on, and helpers to read problems as text. */
final class Fixtures {
  private Fixtures() {}

  /** Deployment {@code ns/name} whose pods carry {@code app=<name>} and run {@code containers}. */
  static Deployment deployment(String ns, String name, String... containers) {
    DeploymentBuilder b = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec().endSpec()
        .endTemplate().endSpec();
    Deployment d = b.build();
    for (String c : containers) {
      d.getSpec().getTemplate().getSpec().getContainers()
          .add(new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(c).withImage("example/" + c + ":1")
              .build());
    }
    return d;
  }

  static HasMetadata pvc(String ns, String name) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().addToAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build();
  }

  static BackupStorageLocation primary() {
    return BackupStorageLocation.builder().name("primary").bucket("backups").prefix("prod").region("us-east-1")
        .s3Url("https://s3.example.com").s3ForcePathStyle(true).credential("cloud-credentials", "cloud")
        .defaultLocation(true).build();
  }

  static BackupCredentials credentials() {
    return BackupCredentials.builder().accessKeyId("AKIAEXAMPLEKEY").secretAccessKey("s3cr3t-value").build();
  }

  /** Namespaces velero and t1, a Deployment t1/db with containers db and metrics, a location and its Secret. */
  static ClusterSpec.Builder tenantSpec() {
    return ClusterSpec.builder().name("prod")
        .resource(TestManifests.namespace("velero"), TestManifests.namespace("t1"))
        .resource(deployment("t1", "db", "db", "metrics"))
        .component(primary(), credentials())
        .preExistingCrd(Velero.CRDS);
  }

  /** Every problem of the spec: the errors and warnings of its exception, or the warnings of its plan. */
  static List<String> problems(ClusterSpec spec) {
    try {
      return spec.plan().warnings().stream().map(Problem::toString).collect(Collectors.toList());
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }

  static SpecValidationException failure(ClusterSpec spec) {
    return (SpecValidationException) assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .actual();
  }
}
