package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link BackupChecks#coverage} and {@link BackupChecks#offCluster} over objects, such as a live cluster's. */
class ObjectChecksTest {
  private static HasMetadata yaml(String text) {
    return Manifests.parse(text).get(0);
  }

  private static final HasMetadata CLAIM = yaml("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n"
      + "  name: data\n  namespace: shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n"
      + "      storage: 1Gi\n");

  private static HasMetadata schedule(String namespaces, boolean paused) {
    return yaml("apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: daily\n  namespace: velero\nspec:\n"
        + "  schedule: '@daily'\n  paused: " + paused + "\n  template:\n    includedNamespaces: [" + namespaces + "]\n");
  }

  private static HasMetadata location(String name, String s3Url) {
    return yaml("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: " + name + "\n"
        + "  namespace: velero\nspec:\n  provider: aws\n  objectStorage:\n    bucket: b\n  config:\n"
        + "    region: r\n" + (s3Url.isEmpty() ? "" : "    s3Url: " + s3Url + "\n"));
  }

  private static List<String> lines(List<Finding> findings) {
    return findings.stream().map(Finding::toString).collect(Collectors.toList());
  }

  @Test
  void claimsWithoutAnActiveScheduleAreUncovered() {
    assertThat(lines(BackupChecks.coverage(List.of(CLAIM, schedule("shop", true))))).containsExactly(
        "HIGH backup-coverage Namespace shop: has persistent volume claims (data) that no active Velero schedule"
            + " backs up — add the namespace to a schedule, such as"
            + " VeleroSchedule.daily(\"shop-daily\").namespaces(\"shop\")");
    assertThat(BackupChecks.coverage(List.of(CLAIM, schedule("other", false)))).hasSize(1);
    assertThat(BackupChecks.coverage(List.of(CLAIM, schedule("'*'", false)))).isEmpty();
    assertThat(BackupChecks.coverage(List.of(CLAIM, schedule("shop", false)))).isEmpty();
  }

  @Test
  void backupsMustLeaveTheCluster() {
    assertThat(lines(BackupChecks.offCluster(List.of()))).containsExactly("HIGH backup-off-cluster: no Velero"
        + " BackupStorageLocation: backups have nowhere outside the cluster to go — keep backups in object storage"
        + " outside the cluster (another provider, region or site), such as"
        + " BackupStorageLocation.builder().s3Url(\"https://s3.example.com\")");
    HasMetadata inside = location("local", "http://minio.velero.svc.cluster.local:9000");
    assertThat(BackupChecks.offCluster(List.of(inside))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("stores backups at http://minio.velero.svc.cluster.local:9000, inside the"
          + " cluster it backs up: losing the cluster loses its backups");
    });
    List<HasMetadata> both = new ArrayList<>(List.of(inside, location("aws", "")));
    assertThat(BackupChecks.offCluster(both)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.message()).endsWith("(another location leaves the cluster)");
    });
    assertThat(BackupChecks.offCluster(List.of(location("s3", "https://s3.eu-west-1.amazonaws.com")))).isEmpty();
  }
}
