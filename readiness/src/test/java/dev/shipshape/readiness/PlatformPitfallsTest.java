package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static dev.shipshape.readiness.Fixtures.manyServices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import dev.shipshape.networking.proxy.ProxyMode;
import dev.shipshape.security.etcd.EncryptionConfiguration;
import dev.shipshape.security.etcd.EncryptionProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backups, etcd encryption and kube-proxy. */
class PlatformPitfallsTest {

  @Test
  void claimsThatNoScheduleCoversAreABackupGap() {
    ClusterSpec spec = Fixtures.bare(Fixtures.WEB).component(Fixtures.isolation(), Fixtures.offClusterLocation(),
        Fixtures.encryption()).build();
    ReadinessReport report = Fixtures.check(spec);
    assertThat(lines(report, "backup-coverage")).containsExactly("HIGH backup-coverage Namespace shop: has"
        + " persistent volume claims (data) that no active Velero schedule backs up — add the namespace to a"
        + " schedule, such as VeleroSchedule.daily(\"shop-daily\").namespaces(\"shop\")");
    assertThat(report.score(Pitfall.BACKUPS).status()).isEqualTo("fail");
    assertThat(lines(Fixtures.check(Fixtures.ready().build()), "backup-coverage")).isEmpty();
  }

  @Test
  void withoutALocationOffTheClusterBackupsDieWithIt() {
    ClusterSpec none = Fixtures.bare(Fixtures.WEB).component(Fixtures.isolation(), Fixtures.encryption()).build();
    assertThat(lines(Fixtures.check(none), "backup-off-cluster")).containsExactly("HIGH backup-off-cluster: no"
        + " Velero BackupStorageLocation: backups have nowhere outside the cluster to go — keep backups in object"
        + " storage outside the cluster (another provider, region or site), such as"
        + " BackupStorageLocation.builder().s3Url(\"https://s3.example.com\")");
    BackupStorageLocation inside = BackupStorageLocation.builder().name("primary").bucket("backups")
        .region("minio").s3Url("http://minio.velero.svc:9000").build();
    ClusterSpec local = Fixtures.bare(Fixtures.WEB).component(Fixtures.isolation(), Fixtures.encryption(), inside,
        Fixtures.schedule()).build();
    assertThat(lines(Fixtures.check(local), "backup-off-cluster")).singleElement().asString().startsWith(
        "HIGH backup-off-cluster BackupStorageLocation.velero.io velero/primary spec.config.s3Url: stores backups"
            + " at http://minio.velero.svc:9000, inside the cluster it backs up: losing the cluster loses its"
            + " backups");
    for (String host : List.of("http://minio:9000", "http://minio.velero.svc.cluster.local", "http://127.0.0.1:9000",
        "http://localhost:9000")) {
      BackupStorageLocation l = BackupStorageLocation.builder().from(inside).s3Url(host).build();
      assertThat(lines(Fixtures.check(Fixtures.bare(Fixtures.WEB).component(l, Fixtures.schedule()).build()),
          "backup-off-cluster")).as(host).hasSize(1);
    }
    assertThat(lines(Fixtures.check(Fixtures.ready().build()), "backup-off-cluster")).isEmpty();
  }

  @Test
  void secretsWithoutEncryptionAtRestAreAnEtcdGap() {
    ClusterSpec none = Fixtures.bare(Fixtures.WEB).component(Fixtures.isolation(), Fixtures.offClusterLocation(),
        Fixtures.schedule()).build();
    assertThat(lines(Fixtures.check(none), "etcd-encryption")).containsExactly("HIGH etcd-encryption: the spec"
        + " has no EncryptionConfiguration: the API server stores Secrets in etcd as plain base64, readable from"
        + " etcd's disk and from every etcd backup — give the API server an EncryptionConfiguration (security"
        + " module) with an encrypting provider first for secrets, such as a KMS v2 plugin or aesgcm, and"
        + " --encryption-provider-config");
    EncryptionConfiguration plaintext = EncryptionConfiguration.builder().plaintextAcknowledged(true)
        .encrypt(List.of("secrets"), EncryptionProvider.identity(), EncryptionProvider.aesgcm("old")).build();
    assertThat(lines(Fixtures.check(Fixtures.bare(Fixtures.WEB).component(plaintext).build()), "etcd-encryption"))
        .singleElement().asString().startsWith("HIGH etcd-encryption EncryptionConfiguration.apiserver.config.k8s.io"
            + " encryption-configuration resources[0].providers[0]: has identity first for [secrets]: new writes of"
            + " Secrets are stored unencrypted");
    EncryptionConfiguration configMapsOnly = EncryptionConfiguration.builder()
        .encrypt(List.of("configmaps"), EncryptionProvider.aesgcm("k1")).build();
    assertThat(lines(Fixtures.check(Fixtures.bare(Fixtures.WEB).component(configMapsOnly).build()),
        "etcd-encryption")).singleElement().asString().contains("resources: does not cover secrets (nor *.* or *.),"
        + " so Secrets stay unencrypted");
    assertThat(lines(Fixtures.check(Fixtures.ready().build()), "etcd-encryption")).isEmpty();
    EncryptionConfiguration coreGroupSpelledOut = EncryptionConfiguration.builder()
        .encrypt(List.of("configmaps", "secrets."), EncryptionProvider.aesgcm("k1")).build();
    assertThat(lines(Fixtures.check(Fixtures.bare(Fixtures.WEB).component(coreGroupSpelledOut).build()),
        "etcd-encryption")).isEmpty();
  }

  @Test
  void aPlanWithoutItsSpecCannotShowEncryption() {
    ReadinessReport report = ProductionReadiness.builder().build().check(Fixtures.ready().build().plan());
    assertThat(lines(report, "etcd-encryption")).isEmpty();
    assertThat(report.findings().notes()).contains("etcd-encryption skipped: a plan alone does not show the API"
        + " server's encryption configuration (it compiles to no object); check the spec instead");
    assertThat(report.score(Pitfall.ETCD).checked()).isZero();
  }

  @Test
  void iptablesModeAtTheSizeWhereTheAdvisorLeavesItIsAKubeProxyGap() {
    KubeProxyConfig iptables = KubeProxyConfig.builder().mode(ProxyMode.IPTABLES).build();
    ReadinessReport report = Fixtures.check(manyServices(Fixtures.ready()).component(iptables).build());
    assertThat(lines(report, "kube-proxy-mode")).singleElement().asString().startsWith("MEDIUM kube-proxy-mode"
        + " ConfigMap kube-system/kube-proxy data[config.conf].mode: kube-proxy runs in iptables mode with 1000"
        + " service ports and about 3000 endpoints; recommended: nftables (about 11000 iptables rules");
    ReadinessReport unset = Fixtures.check(manyServices(Fixtures.ready()).build());
    assertThat(lines(unset, "kube-proxy-mode")).singleElement().asString().contains("the spec leaves kube-proxy's"
        + " mode to the cluster, iptables by default with 1000 service ports");
    KubeProxyConfig nftables = KubeProxyConfig.builder().mode(ProxyMode.NFTABLES).build();
    assertThat(lines(Fixtures.check(manyServices(Fixtures.ready()).component(nftables).build()), "kube-proxy-mode"))
        .isEmpty();
    assertThat(lines(Fixtures.check(Fixtures.ready().component(iptables).build()), "kube-proxy-mode")).isEmpty();
  }
}
