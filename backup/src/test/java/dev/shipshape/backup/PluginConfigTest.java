package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code config} keys and values of locations, as the aws, gcp and azure plugins of Velero take them: an
 * unknown key makes the plugin refuse the whole config, so it is an error naming the closest key.
 */
class PluginConfigTest {
  private static final String AWS_STORE_KEYS = "region, s3Url, publicUrl, kmsKeyId, customerKeyEncryptionFile,"
      + " s3ForcePathStyle, signatureVersion, credentialsFile, profile, serverSideEncryption, insecureSkipTLSVerify,"
      + " enableSharedConfig, tagging, checksumAlgorithm, bucket, prefix, caCert";

  private static final String STORAGE_ACCOUNT_UNSET = "ERROR [blob] BackupStorageLocation.velero.io velero/blob"
      + " spec.config.storageAccount: is unset: the azure plugin refuses the config without the storage account"
      + " that holds the container (the bucket), also when storageAccountURI and useAAD are set — set config"
      + " storageAccount to the account's name";
  private static final String RAW_HEADER = "apiVersion: velero.io/v1\nmetadata:\n  name: raw\n  namespace: velero\n";

  private static BackupStorageLocation.Builder store(String provider) {
    return BackupStorageLocation.builder().name("primary").provider(provider).bucket("backups");
  }

  private static VolumeSnapshotLocation.Builder snapshots(String provider) {
    return VolumeSnapshotLocation.builder().name("volumes").provider(provider);
  }

  private static List<String> problemsOf(Object... components) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace("velero"))
        .preExistingCrd(Velero.CRDS);
    for (Object c : components) {
      if (c instanceof BackupStorageLocation.Builder b) spec.component(b.build());
      else if (c instanceof VolumeSnapshotLocation.Builder b) spec.component(b.build());
      else spec.resource(Manifests.parse((String) c).get(0));
    }
    return problems(spec.build());
  }

  @Test
  void aMisspelledAwsKeyIsAnErrorNamingTheLocationTheKeyAndTheClosestKey() {
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("s3url", "https://minio:9000")))
        .containsExactly("ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.s3url: 's3url'"
            + " is not a config key of Velero's aws object store plugin, which refuses a config with a key it does"
            + " not know, so the location turns Unavailable and no backup is written to it — rename it to 's3Url'"
            + " (the plugin's keys: " + AWS_STORE_KEYS + ")");
  }

  @Test
  void theClosestKeyIsFoundWhateverTheCaseAndAKeyFarFromAllIsToBeRemoved() {
    assertThat(problemsOf(store("velero.io/aws").region("eu-west-1").putConfig("insecureSkipTlsVerify", "true")
        .putConfig("retention", "30d")))
        .anySatisfy(p -> assertThat(p).contains("spec.config.insecureSkipTlsVerify: 'insecureSkipTlsVerify' is not"
            + " a config key of Velero's aws object store plugin").contains("— rename it to 'insecureSkipTLSVerify'"))
        .anySatisfy(p -> assertThat(p).contains("spec.config.retention:").contains("— remove it (the plugin's"
            + " keys: region, "));
  }

  @Test
  void everyKnownKeyOfEachPluginPasses() {
    assertThat(problemsOf(store("aws").region("eu-west-1").config(Map.of("kmsKeyId", "alias/velero",
        "checksumAlgorithm", "", "tagging", "team=platform&env=prod", "profile", "backup", "serverSideEncryption",
        "aws:kms")),
        store("gcp").name("gcs").config(Map.of("kmsKeyName", "k", "serviceAccount", "velero@p.iam.gserviceaccount.com",
            "storeEndpoint", "https://storage.example.com", "universeDomain", "example.com")),
        store("azure").name("blob").config(Map.of("storageAccount", "acct", "resourceGroup", "rg", "subscriptionId",
            "s", "useAAD", "true", "blockSizeInBytes", "1048576", "apiVersion", "2021-08-06")),
        snapshots("aws").region("eu-west-1").putConfig("profile", "backup"),
        snapshots("gcp").name("pd").config(Map.of("snapshotLocation", "us", "project", "p", "volumeProject", "q",
            "snapshotType", "archive")),
        snapshots("azure").name("disks").config(Map.of("resourceGroup", "rg", "apiTimeout", "5m", "incremental",
            "true", "tags", "team=platform,env=prod")))).isEmpty();
  }

  @Test
  void gcpAndAzureStoresRefuseAwsKeys() {
    assertThat(problemsOf(store("gcp").region("us-central1"), store("azure").name("blob").config(
        Map.of("storageAccount", "acct", "storageAcountURI", "https://acct.blob.core.windows.net"))))
        .containsExactly("ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.region: 'region'"
            + " is not a config key of Velero's gcp object store plugin, which refuses a config with a key it does"
            + " not know, so the location turns Unavailable and no backup is written to it — remove it (the"
            + " plugin's keys: kmsKeyName, serviceAccount, credentialsFile, storeEndpoint, universeDomain, bucket,"
            + " prefix, caCert)",
            "ERROR [blob] BackupStorageLocation.velero.io velero/blob spec.config.storageAcountURI:"
            + " 'storageAcountURI' is not a config key of Velero's azure object store plugin, which refuses a config"
            + " with a key it does not know, so the location turns Unavailable and no backup is written to it —"
            + " rename it to 'storageAccountURI' (the plugin's keys: resourceGroup, storageAccount, subscriptionId,"
            + " blockSizeInBytes, activeDirectoryAuthorityURI, storageAccountURI, useAAD, storageAccountKeyEnvVar,"
            + " credentialsFile, apiVersion, bucket, prefix, caCert)");
  }

  @Test
  void snapshotterKeysOfEachPlugin() {
    assertThat(problemsOf(snapshots("aws").region("eu-west-1").putConfig("s3Url", "https://s3"),
        snapshots("gcp").name("pd").putConfig("snapshotLocaton", "us"),
        snapshots("azure").name("disks").putConfig("incrementel", "true")))
        .containsExactly("ERROR [volumes] VolumeSnapshotLocation.velero.io velero/volumes spec.config.s3Url: 's3Url'"
            + " is not a config key of Velero's aws volume snapshotter plugin, which refuses a config with a key it"
            + " does not know, so the volume snapshots of every backup taken through it fail — remove it (the"
            + " plugin's keys: region, profile, credentialsFile, enableSharedConfig)",
            "ERROR [pd] VolumeSnapshotLocation.velero.io velero/pd spec.config.snapshotLocaton: 'snapshotLocaton' is"
            + " not a config key of Velero's gcp volume snapshotter plugin, which refuses a config with a key it"
            + " does not know, so the volume snapshots of every backup taken through it fail — rename it to"
            + " 'snapshotLocation' (the plugin's keys: snapshotLocation, snapshotType, project, credentialsFile,"
            + " volumeProject)",
            "ERROR [disks] VolumeSnapshotLocation.velero.io velero/disks spec.config.incrementel: 'incrementel' is"
            + " not a config key of Velero's azure volume snapshotter plugin, which refuses a config with a key it"
            + " does not know, so the volume snapshots of every backup taken through it fail — rename it to"
            + " 'incremental' (the plugin's keys: activeDirectoryAuthorityURI, resourceGroup, apiTimeout,"
            + " subscriptionId, incremental, tags, credentialsFile)");
  }

  @Test
  void otherProvidersTakeAnyKey() {
    assertThat(problemsOf(store("community.openstack.org/openstack").putConfig("cloud", "ovh"),
        snapshots("community.openstack.org/openstack").putConfig("method", "snapshot"))).isEmpty();
  }

  @Test
  void rawYamlLocationsAreCheckedToo() {
    assertThat(problemsOf("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: raw\n"
        + "  namespace: velero\nspec:\n  provider: aws\n  objectStorage:\n    bucket: backups\n  config:\n"
        + "    region: eu-west-1\n    s3ForcePathstyle: 'true'\n"))
        .singleElement().asString().startsWith("ERROR [resources] BackupStorageLocation.velero.io velero/raw"
            + " spec.config.s3ForcePathstyle: 's3ForcePathstyle' is not a config key").contains("rename it to"
            + " 's3ForcePathStyle'");
  }

  @Test
  void awsValueRules() {
    assertThat(problemsOf(store("aws").region("eu-west-1").config(Map.of("checksumAlgorithm", "crc32c",
        "serverSideEncryption", "KMS", "kmsKeyId", "alias/velero", "customerKeyEncryptionFile", "/keys/sse-c"))))
        .containsExactlyInAnyOrder(
            "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.checksumAlgorithm: 'crc32c' is"
            + " no checksum algorithm of the aws plugin, which refuses the config (\"invalid checksum algorithm\")"
            + " — write 'CRC32C'; CRC32 is the default, and an empty value sends no checksum (for stores that do"
            + " not take S3's)",
            "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.serverSideEncryption: 'KMS'"
            + " is no S3 server-side encryption: the store refuses every object Velero writes with it — write one"
            + " of AES256, aws:kms, aws:kms:dsse; for a KMS key give kmsKeyId instead",
            "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.customerKeyEncryptionFile: is"
            + " set together with kmsKeyId: the aws plugin stops setting up at this pair without reporting it, so"
            + " the location is Available and encrypts with the KMS key, but it cannot sign URLs (velero backup"
            + " download, velero backup logs and describe --details fail), sends no checksums and never checks"
            + " tagging — keep one: kmsKeyId (SSE-KMS) or customerKeyEncryptionFile (SSE-C)");
  }

  @Test
  void booleansAreReadAsGoReadsThem() {
    assertThat(problemsOf("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: raw\n"
        + "  namespace: velero\nspec:\n  provider: aws\n  objectStorage:\n    bucket: backups\n  config:\n"
        + "    region: eu-west-1\n    s3ForcePathStyle: 'yes'\n    insecureSkipTLSVerify: 'False'\n"))
        .containsExactly("ERROR [resources] BackupStorageLocation.velero.io velero/raw"
            + " spec.config.s3ForcePathStyle: 'yes' is not a boolean as the plugin parses it (Go's"
            + " strconv.ParseBool), so it refuses the config — write true or false");
  }

  @Test
  void azureValueRules() {
    assertThat(problemsOf(store("azure").name("blob").putConfig("blockSizeInBytes", "200MiB"),
        snapshots("azure").name("disks").config(Map.of("apiTimeout", "2 minutes", "incremental", "on",
            "tags", "team")))).containsExactlyInAnyOrder(
        STORAGE_ACCOUNT_UNSET,
        "WARNING [blob] BackupStorageLocation.velero.io velero/blob spec.config.blockSizeInBytes: '200MiB' is not a"
            + " whole number of bytes from 1 to 104857600: the azure plugin ignores it and uploads blocks of"
            + " 104857600 — give a block size in bytes up to 104857600 (100 MiB), or leave it unset",
        "ERROR [disks] VolumeSnapshotLocation.velero.io velero/disks spec.config.apiTimeout: '2 minutes' is not a Go"
            + " duration: it has an unknown unit ' minutes' — write a Go duration such as '2m' (units h, m, s, ms,"
            + " us, ns)",
        "ERROR [disks] VolumeSnapshotLocation.velero.io velero/disks spec.config.incremental: 'on' is not a boolean"
            + " as the plugin parses it (Go's strconv.ParseBool), so it refuses the config — write true or false",
        "ERROR [disks] VolumeSnapshotLocation.velero.io velero/disks spec.config.tags: 'team' is not a list of tags"
            + " as the azure plugin reads it — write key=value pairs separated by commas, such as"
            + " 'team=platform,env=prod'");
  }

  @Test
  void theAwsRegionRulesHoldForRawYamlLocations() {
    assertThat(problemsOf(RAW_HEADER + "kind: BackupStorageLocation\nspec:\n  provider: aws\n  objectStorage:\n"
        + "    bucket: backups\n  config:\n    s3Url: https://minio.example.com:9000\n",
        RAW_HEADER.replace("raw", "raw-volumes") + "kind: VolumeSnapshotLocation\nspec:\n  provider: velero.io/aws\n"
        + "  config:\n    profile: backup\n")).containsExactlyInAnyOrder(
        "ERROR [resources] BackupStorageLocation.velero.io velero/raw spec.config.region: is unset although s3Url is"
            + " set; the aws plugin cannot look up the region of an S3-compatible store — set region (region(...)"
            + " or spec.config.region), such as 'us-east-1' for MinIO or the store's own region name",
        "ERROR [resources] VolumeSnapshotLocation.velero.io velero/raw-volumes spec.config.region: is unset; the aws"
            + " volume snapshotter needs the region of the volumes and refuses the config without it — set region"
            + " (region(...) or spec.config.region), such as 'eu-central-1'");
  }

  @Test
  void awsTaggingIsReadAsThePluginsCheckTagsReadsIt() {
    String at = "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.config.tagging: ";
    String fix = ", so the aws plugin refuses the config — write two to ten tags as key=value joined by '&', such"
        + " as 'team=platform&env=prod' (keys up to 128 characters, values up to 248), or leave tagging unset";
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("tagging", "team=platform")))
        .containsExactly(at + "'team=platform' is a single tag; the plugin takes tags joined by '&' and refuses one"
            + " alone" + fix);
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("tagging", "team=platform,env=prod&a=b")))
        .containsExactly(at + "'team=platform,env=prod' is not a key=value tag" + fix);
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("tagging", "a=1&".repeat(10) + "k=v")))
        .containsExactly(at + "has 11 tags; S3 takes at most 10" + fix);
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("tagging", "k".repeat(129) + "=v&a=b")))
        .containsExactly(at + "tag key '" + "k".repeat(129) + "' is longer than 128 characters" + fix);
    assertThat(problemsOf(store("aws").region("eu-west-1").putConfig("tagging", "a=b&k=" + "v".repeat(249))))
        .containsExactly(at + "the value of tag 'k' is longer than 248 characters" + fix);
  }

  @Test
  void azureUseAadIsAGoBooleanAndTheAccountIsNeededWithAnAccountUri() {
    assertThat(problemsOf(store("azure").name("blob").config(Map.of("storageAccount", "acct", "useAAD", "yes"))))
        .containsExactly("ERROR [blob] BackupStorageLocation.velero.io velero/blob spec.config.useAAD: 'yes' is not"
            + " a boolean as the plugin parses it (Go's strconv.ParseBool), so it refuses the config — write true"
            + " or false");
    assertThat(problemsOf(store("azure").name("blob").config(Map.of("useAAD", "true", "storageAccountURI",
        "https://acct.blob.core.windows.net")))).containsExactly(STORAGE_ACCOUNT_UNSET);
  }

  @Test
  void gcpSnapshotType() {
    assertThat(problemsOf(snapshots("gcp").name("pd").putConfig("snapshotType", "COLD")))
        .containsExactly("ERROR [pd] VolumeSnapshotLocation.velero.io velero/pd spec.config.snapshotType: 'COLD' is"
            + " no snapshot type of the gcp plugin — write STANDARD (the default) or ARCHIVE");
  }
}
