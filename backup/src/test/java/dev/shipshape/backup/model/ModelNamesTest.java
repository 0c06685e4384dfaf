package dev.shipshape.backup.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each model class carries the kind, group, version and plural of Velero's own CRD. */
class ModelNamesTest {

  @Test
  void everyModelClassNamesWhatVelerosCrdNames() throws IOException {
    Path crds = SharedData.require("k8s-reference/crds/velero");
    for (Class<? extends HasMetadata> type : List.of(Schedule.class, Backup.class, Restore.class,
        BackupStorageLocation.class, VolumeSnapshotLocation.class)) {
      String plural = HasMetadata.getPlural(type);
      Path file = crds.resolve("velero.io_" + plural + ".yaml");
      assertThat(file).as(type.getSimpleName() + "'s plural names a CRD of Velero").exists();
      CustomResourceDefinition crd = (CustomResourceDefinition) Manifests.parse(Files.readString(file)).get(0);
      assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
      assertThat(crd.getSpec().getNames().getKind()).isEqualTo(HasMetadata.getKind(type));
      assertThat(crd.getSpec().getGroup()).isEqualTo(HasMetadata.getGroup(type));
      assertThat(crd.getSpec().getVersions()).anySatisfy(v -> assertThat(v.getName()).isEqualTo(
          HasMetadata.getVersion(type)));
    }
  }
}
