package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.testing.TestManifests;
import org.junit.jupiter.api.Test;

/** Rules for storage locations, snapshot locations and credentials. */
class LocationValidationTest {
  private static final String AT = "ERROR [b] BackupStorageLocation.velero.io velero/b ";

  private static BackupStorageLocation.Builder location() {
    return BackupStorageLocation.builder().name("b").bucket("backups");
  }

  private static ClusterSpec with(Object... components) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace("velero"))
        .preExistingCrd(Velero.CRDS);
    for (Object c : components) {
      spec.component(c instanceof BackupStorageLocation.Builder ? ((BackupStorageLocation.Builder) c).build()
          : (dev.shipshape.core.Component) c);
    }
    return spec.build();
  }

  @Test
  void s3UrlWithoutRegion() {
    assertThat(problems(with(location().s3Url("https://minio.example.com:9000")))).containsExactly(AT
        + "spec.config.region: is unset although s3Url is set; the aws plugin cannot look up the region of an"
        + " S3-compatible store — set region (region(...) or spec.config.region), such as 'us-east-1' for MinIO or"
        + " the store's own region name");
  }

  @Test
  void s3UrlThatIsNotAnHttpUrl() {
    assertThat(problems(with(location().region("us-east-1").s3Url("minio.example.com:9000")))).containsExactly(AT
        + "spec.config.s3Url: is not an http(s) URL with a host: it does not begin with 'http://' or"
        + " 'https://' (the value is not quoted here, as it may hold a key) — give the store's endpoint, such as"
        + " 'https://minio.example.com:9000'");
    assertThat(problems(with(location().region("us-east-1").s3Url("http://[::1:9000")))).containsExactly(AT
        + "spec.config.s3Url: is not an http(s) URL with a host: it does not parse as a URL with a host (the value"
        + " is not quoted here, as it may hold a key) — give the store's endpoint, such as"
        + " 'https://minio.example.com:9000'");
  }

  /** A key may sit anywhere in a value that is no URL, or in a URL's query: no problem text shows it. */
  @Test
  void noProblemQuotesAKeyFromAnS3Url() {
    String secret = "wJalrXUtnFEMI/K7MDENG";
    for (String url : java.util.List.of("minio.example.com:9000?secretKey=" + secret,
        "s3.example.com/AKIAEXAMPLE:" + secret, "https://AKIAEXAMPLE:" + secret + "@minio:9000?secretKey=" + secret,
        "http://[::1:9000/?secretKey=" + secret, "https://minio.example.com:9000/?X-Amz-Credential=" + secret,
        "ftp://minio.example.com/" + secret)) {
      var problems = problems(with(location().region("us-east-1").s3Url(url).insecureSkipTLSVerify(true)));
      assertThat(problems).as(url).isNotEmpty();
      assertThat(String.join("\n", problems)).as(url).doesNotContain(secret).doesNotContain("AKIAEXAMPLE");
    }
  }

  @Test
  void s3UrlWithUserInformationIsRefusedWithoutQuotingIt() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    for (String url : java.util.List.of("https://AKIAEXAMPLE:" + secret + "@minio.example.com:9000",
        "minio://AKIAEXAMPLE:" + secret + "@minio.example.com")) {
      var problems = problems(with(location().region("us-east-1").s3Url(url)));
      assertThat(problems).as(url).containsExactly(AT + "spec.config.s3Url: '" + url.substring(0, url.indexOf("//") + 2)
          + "(user information not shown)@minio.example.com" + (url.startsWith("https") ? ":9000" : "") + "' carries"
          + " user information: the aws plugin ignores it, while the BackupStorageLocation keeps it in clear text for"
          + " anyone who may read the location — remove it from the URL, and give the keys in the credential Secret"
          + " (credential(...) or spec.credential)");
      assertThat(String.join("\n", problems)).doesNotContain(secret).doesNotContain("AKIAEXAMPLE");
    }
  }

  @Test
  void aLiveLocationInsideTheClusterIsReportedWithoutItsUserInformation() {
    var location = new dev.shipshape.backup.model.BackupStorageLocation();
    location.getMetadata().setName("b");
    location.getMetadata().setNamespace("velero");
    location.setSpec(new dev.shipshape.backup.model.BackupStorageLocationSpec("aws", null,
        java.util.Map.of("s3Url", "http://AKIAEXAMPLE:s3cr3t@minio.velero.svc:9000/?secretKey=s3cr3t"), null, null,
        null, null, null));
    assertThat(BackupChecks.offCluster(java.util.List.of(location))).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("stores backups at http://(user information not shown)"
            + "@minio.velero.svc:9000, inside the cluster it backs up: losing the cluster loses its backups"));
  }

  @Test
  void insecureSkipTlsVerifyIsFlagged() {
    assertThat(problems(with(location().region("us-east-1").s3Url("https://minio:9000").insecureSkipTLSVerify(true))))
        .containsExactly("WARNING [b] BackupStorageLocation.velero.io velero/b spec.config.insecureSkipTLSVerify: is"
            + " on: Velero will not verify the store's TLS certificate, so anyone on the path can read and alter"
            + " backups — give the store's CA bundle (caCert(...) or spec.objectStorage.caCert) and switch"
            + " insecureSkipTLSVerify off");
  }

  @Test
  void bucketWithAFolder() {
    assertThat(problems(with(location().bucket("backups/prod")))).containsExactly(AT + "spec.objectStorage.bucket:"
        + " 'backups/prod' is not a valid S3 bucket name: it has characters other than lowercase letters, digits,"
        + " dots and hyphens: '/' — name a bucket of 3 to 63 lowercase letters, digits, dots and hyphens that begins"
        + " and ends with a letter or digit, such as 'velero-backups', and put the folder into the prefix"
        + " (prefix(...) or spec.objectStorage.prefix)");
  }

  @Test
  void typedSettingPassedThroughConfig() {
    assertThat(problems(with(location().putConfig("region", "us-east-1")))).containsExactly(AT + "spec.config.region:"
        + " is set through config(...); it has its own builder attribute — use region(...) instead of"
        + " config(\"region\", …)");
    assertThat(problems(with(location().putConfig("checksumAlgorithm", "")))).isEmpty();
  }

  @Test
  void caCertThatIsNotPem() {
    assertThat(problems(with(location().caCert("/etc/ssl/ca.pem")))).containsExactly(AT + "spec.objectStorage.caCert:"
        + " is not a PEM certificate bundle (no '-----BEGIN CERTIFICATE-----' line) — pass the PEM text of the CA"
        + " certificates to caCert(...), not a file name or base64; in YAML, give that text base64-encoded");
  }

  @Test
  void credentialSecretMustBeInTheSpec() {
    assertThat(problems(with(location().credential("s3", "cloud")))).containsExactly(AT + "spec.credential.name:"
        + " names Secret 's3', which is neither in the spec nor declared pre-existing in namespace velero — add it,"
        + " for example with BackupCredentials.builder().name(\"s3\")…, or declare it with"
        + " preExistingResource(ResourceRef.core(\"Secret\", \"velero\", \"s3\"))");
    assertThat(problems(tenantSpec().build())).isEmpty();
  }

  @Test
  void syncPeriodThatIsNotAGoDuration() {
    assertThat(problems(with(location().backupSyncPeriod("1 minute").validationFrequency(java.time.Duration
        .ofSeconds(90))))).containsExactly(AT + "spec.backupSyncPeriod: '1 minute' is not a Go duration: it has an"
        + " unknown unit ' minute' — write a Go duration such as '1m0s' (units h, m, s, ms, us, ns)");
  }

  @Test
  void awsSnapshotLocationNeedsARegion() {
    assertThat(problems(with(VolumeSnapshotLocation.builder().name("ebs").build()))).containsExactly("ERROR [ebs]"
        + " VolumeSnapshotLocation.velero.io velero/ebs spec.config.region: is unset; the aws volume snapshotter"
        + " needs the region of the volumes and refuses the config without it — set region (region(...) or"
        + " spec.config.region), such as 'eu-central-1'");
  }

  @Test
  void snapshotLocationRegionSetTwice() {
    assertThat(problems(with(VolumeSnapshotLocation.builder().name("ebs").region("a").putConfig("region", "b")
        .build()))).containsExactly("ERROR [ebs] VolumeSnapshotLocation.velero.io velero/ebs spec.config.region:"
        + " is set both by region(...) and by config(...) — keep region(...) and drop config(\"region\", …)");
  }

  @Test
  void snapshotLocationCredentialMustBeInTheSpec() {
    assertThat(problems(with(VolumeSnapshotLocation.builder().name("ebs").region("a").credential("aws", "cloud")
        .build()))).singleElement().asString().startsWith("ERROR [ebs] VolumeSnapshotLocation.velero.io velero/ebs"
        + " spec.credential.name: names Secret 'aws'");
  }

  @Test
  void credentialKeysWithWhiteSpaceAreReportedWithoutTheirValue() {
    BackupCredentials credentials = BackupCredentials.builder().accessKeyId("AKIA KEY")
        .secretAccessKey("topsecret\n").build();
    var problems = problems(with(credentials));
    assertThat(problems).containsExactly(
        "ERROR [cloud-credentials] Secret velero/cloud-credentials data.cloud: accessKeyId is empty or has white"
            + " space or line breaks (value not shown) — pass the accessKeyId exactly as the store issued it",
        "ERROR [cloud-credentials] Secret velero/cloud-credentials data.cloud: secretAccessKey is empty or has"
            + " white space or line breaks (value not shown) — pass the secretAccessKey exactly as the store issued"
            + " it");
    assertThat(String.join("\n", problems)).doesNotContain("AKIA KEY").doesNotContain("topsecret");
    assertThat(Fixtures.failure(with(credentials)).getMessage()).doesNotContain("topsecret");
  }

  @Test
  void credentialsKeyAndProfile() {
    assertThat(problems(with(BackupCredentials.builder().key("cloud/file").profile("my profile").accessKeyId("a")
        .secretAccessKey("b").build()))).containsExactly(
        "ERROR [cloud-credentials] Secret velero/cloud-credentials data: key 'cloud/file' is not a valid key: at most"
            + " 253 letters, digits, '-', '_' and '.', and not '.' or starting with '..' — rename the key, such as"
            + " 'app.properties' or 'password'",
        "ERROR [cloud-credentials] Secret velero/cloud-credentials data.cloud/file: profile 'my profile' cannot be"
            + " a section name of a credentials file — use a name without brackets or white space, such as"
            + " 'default'");
  }
}
