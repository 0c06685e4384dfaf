package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules over every BackupStorageLocation of a spec, built or raw: S3 bucket names, and one default location per
 * namespace.
 */
class StorageLocationRulesTest {
  private static final String FIX = " — name a bucket of 3 to 63 lowercase letters, digits, dots and hyphens that"
      + " begins and ends with a letter or digit, such as 'velero-backups'";

  private static BackupStorageLocation.Builder location(String name) {
    return BackupStorageLocation.builder().name(name).bucket("backups");
  }

  private static HasMetadata raw(String name, String namespace, String provider, String bucket, boolean isDefault) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\nspec:\n  provider: " + provider + "\n  objectStorage:\n    bucket: '"
        + bucket + "'\n" + (isDefault ? "  default: true\n" : "")).get(0);
  }

  private static ClusterSpec spec(Object... parts) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod")
        .resource(TestManifests.namespace("velero"), TestManifests.namespace("velero-dr")).preExistingCrd(Velero.CRDS);
    for (Object part : parts) {
      if (part instanceof BackupStorageLocation.Builder b) spec.component(b.build());
      else spec.resource((HasMetadata) part);
    }
    return spec.build();
  }

  private static String bucketProblem(String location, String bucket) {
    return problems(spec(location(location).bucket(bucket))).stream().filter(p -> p.contains("objectStorage.bucket"))
        .findFirst().orElse("");
  }

  @Test
  void everyBrokenRuleOfABucketNameIsListedInOneProblem() {
    assertThat(problems(spec(location("primary").bucket("-Velero_Backups..prod-")))).containsExactly(
        "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.objectStorage.bucket:"
            + " '-Velero_Backups..prod-' is not a valid S3 bucket name: it has characters other than lowercase"
            + " letters, digits, dots and hyphens: 'V', '_', 'B'; it begins with '-', not a letter or digit; it ends"
            + " with '-', not a letter or digit; it has two adjacent dots" + FIX);
  }

  @Test
  void eachRuleOfS3AndMinio() {
    Map<String, String> broken = Map.ofEntries(
        Map.entry("ab", "it is 2 characters long (3 to 63 allowed)"),
        Map.entry("a".repeat(256), "it is 256 characters long (3 to 63 allowed)"),
        Map.entry("back ups", "it has characters other than lowercase letters, digits, dots and hyphens: ' '"),
        Map.entry(".backups", "it begins with '.', not a letter or digit"),
        Map.entry("backups.", "it ends with '.', not a letter or digit"),
        Map.entry("back..ups", "it has two adjacent dots"),
        Map.entry("back.-ups", "it has a dot next to a hyphen, which is no DNS name (MinIO refuses it)"),
        Map.entry("back-.ups", "it has a dot next to a hyphen, which is no DNS name (MinIO refuses it)"),
        Map.entry("192.168.5.4", "it is formatted as an IP address"),
        Map.entry("xn--backups", "it begins with 'xn--', a prefix S3 reserves"),
        Map.entry("sthree-backups", "it begins with 'sthree-', a prefix S3 reserves"),
        Map.entry("amzn-s3-demo-backups", "it begins with 'amzn-s3-demo-', a prefix S3 reserves"),
        Map.entry("backups--ol-s3", "it ends with '--ol-s3', a suffix S3 reserves for Object Lambda Access Point"
            + " aliases, through which Velero cannot write"),
        Map.entry("backups.mrap", "it ends with '.mrap', a suffix S3 reserves for Multi-Region Access Points"),
        Map.entry("backups--x-s3", "it ends with '--x-s3', a suffix S3 reserves for directory buckets"),
        Map.entry("backups--table-s3", "it ends with '--table-s3', a suffix S3 reserves for table buckets"));
    broken.forEach((bucket, reason) -> assertThat(bucketProblem("b", bucket)).as(bucket).isEqualTo(
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.objectStorage.bucket: '" + bucket + "' is not a"
            + " valid S3 bucket name: " + reason + FIX));
  }

  @Test
  void aNameOnlyAnOldAwsBucketCanHaveIsAWarning() {
    for (String bucket : new String[] {"Velero_Backups", "a".repeat(64), "b".repeat(255)}) {
      String reason = bucket.length() > 63 ? "it is " + bucket.length() + " characters long (3 to 63 allowed)"
          : "it has characters other than lowercase letters, digits, dots and hyphens: 'V', '_', 'B'";
      assertThat(problems(spec(location("b").bucket(bucket)))).as(bucket).containsExactly("WARNING [b]"
          + " BackupStorageLocation.velero.io velero/b spec.objectStorage.bucket: '" + bucket + "' is not a valid S3"
          + " bucket name: " + reason + " for a new bucket; only buckets made in us-east-1 before 1 March 2018 have"
          + " such names (and stores that relax S3's rules take them) — keep the name only if the bucket is one of"
          + " those; else" + FIX.substring(" —".length()));
    }
  }

  @Test
  void aNameOnlyAnOldBucketCanHaveIsAnErrorInAnotherRegion() {
    assertThat(problems(spec(location("b").bucket("Velero_Backups").region("eu-west-1")))).containsExactly(
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.objectStorage.bucket: 'Velero_Backups' is not a"
            + " valid S3 bucket name: it has characters other than lowercase letters, digits, dots and hyphens:"
            + " 'V', '_', 'B'" + FIX);
    assertThat(problems(spec(location("b").bucket("Velero_Backups").region("us-east-1")))).singleElement()
        .asString().startsWith("WARNING [b]");
    assertThat(problems(spec(location("b").bucket("Velero_Backups").region("gra").s3Url("https://s3.example.com"))))
        .singleElement().asString().startsWith("WARNING [b]");
  }

  @Test
  void validNamesAndAccessPointAliasesAreAccepted() {
    for (String bucket : new String[] {"abc", "a".repeat(63), "velero-backups", "backups.example.com", "0backups9",
        "back--ups", "192.168.5.4.backups", "my-ap-hrzrlukc5m36ft7okagglf3gmwluquse1b-s3alias"}) {
      assertThat(problems(spec(location("b").bucket(bucket)))).as(bucket).isEmpty();
    }
  }

  @Test
  void anEmptyBucketIsRefusedForEveryProvider() {
    assertThat(problems(spec(location("b").bucket("")))).containsExactly("ERROR [b] BackupStorageLocation.velero.io"
        + " velero/b spec.objectStorage.bucket: is empty or unset — give the name of the bucket to keep backups in");
    assertThat(problems(spec(location("b").provider("gcp").bucket("")))).hasSize(1);
  }

  @Test
  void otherProvidersKeepOnlyVelerosRuleAgainstAFolder() {
    assertThat(problems(spec(location("b").provider("gcp").bucket("My_Bucket")))).isEmpty();
    assertThat(problems(spec(location("b").provider("azure").putConfig("storageAccount", "acct")
        .bucket("container/prod")))).containsExactly(
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.objectStorage.bucket: 'container/prod' contains"
            + " '/': Velero takes the bare bucket name — give the bare bucket name, and put the folder into the"
            + " prefix (prefix(...) or spec.objectStorage.prefix)");
  }

  @Test
  void rawLocationsAreCheckedToo() {
    assertThat(problems(spec(raw("raw", "velero", "velero.io/aws", "back ups", false)))).containsExactly(
        "ERROR [resources] BackupStorageLocation.velero.io velero/raw spec.objectStorage.bucket: 'back ups' is not"
            + " a valid S3 bucket name: it has characters other than lowercase letters, digits, dots and hyphens:"
            + " ' '" + FIX);
    assertThat(problems(spec(raw("raw", "velero", "aws", "backups", false)))).isEmpty();
    assertThat(problems(spec(raw("raw", "velero", "gcp", "Backups", false)))).isEmpty();
  }

  @Test
  void twoDefaultLocationsOfTheBuildersAreOneProblem() {
    assertThat(problems(spec(location("primary").defaultLocation(true), location("secondary").defaultLocation(true))))
        .containsExactly("ERROR [backup-locations] BackupStorageLocation.velero.io velero/primary spec.default:"
            + " BackupStorageLocations 'primary', 'secondary' of namespace velero are all marked default; Velero"
            + " supports one default location per namespace (velero backup-location set --default unmarks the"
            + " others), so the spec cannot tell where backups and schedules that name no location go — mark one of"
            + " 'primary', 'secondary' default and leave the others unmarked: defaultLocation(false), or no"
            + " 'default: true' in their YAML");
  }

  @Test
  void rawAndBuiltDefaultsAreCountedTogether() {
    assertThat(problems(spec(location("primary").defaultLocation(true), location("archive"),
        raw("raw", "velero", "aws", "backups", true), raw("dr", "velero", "aws", "backups", true))))
        .singleElement().asString().contains("BackupStorageLocations 'raw', 'dr', 'primary' of namespace velero are"
            + " all marked default");
    assertThat(problems(spec(raw("raw", "velero", "aws", "backups", true), raw("dr", "velero", "aws", "backups",
        true)))).singleElement().asString().startsWith("ERROR [backup-locations] BackupStorageLocation.velero.io"
        + " velero/raw spec.default: BackupStorageLocations 'raw', 'dr' of namespace velero");
  }

  @Test
  void oneDefaultPerVeleroNamespaceIsFine() {
    assertThat(problems(spec(location("primary").defaultLocation(true), location("archive"),
        location("dr").veleroNamespace("velero-dr").defaultLocation(true)))).isEmpty();
  }

  @Test
  void bucketAndDefaultProblemsAreReportedTogether() {
    assertThat(problems(spec(location("primary").bucket("prim ary").defaultLocation(true),
        raw("raw", "velero", "aws", "x", true)))).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactlyInAnyOrder(
            "ERROR [primary] BackupStorageLocation.velero.io velero/primary spec.objectStorage.bucket",
            "ERROR [resources] BackupStorageLocation.velero.io velero/raw spec.objectStorage.bucket",
            "ERROR [backup-locations] BackupStorageLocation.velero.io velero/raw spec.default");
  }
}
