package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of a BackupStorageLocation's endpoint, CA bundle, credential and periods hold for a location given as
 * raw YAML as they do for a built one, and a built location reports each problem once.
 */
class RawLocationRulesTest {
  private static final String AT = "[resources] BackupStorageLocation.velero.io velero/raw ";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private static HasMetadata raw(String spec) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: raw\n"
        + "  namespace: velero\nspec:\n  provider: aws\n  objectStorage:\n    bucket: backups\n" + spec).get(0);
  }

  private static List<String> problemsOf(Object... parts) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace("velero"))
        .preExistingCrd(Velero.CRDS);
    for (Object part : parts) {
      if (part instanceof HasMetadata resource) spec.resource(resource);
      else spec.component((dev.shipshape.core.Component) part);
    }
    return problems(spec.build());
  }

  @Test
  void anS3UrlWithUserInformationIsRefusedWithoutQuotingIt() {
    List<String> problems = problemsOf(raw("  config:\n    region: us-east-1\n    s3Url: https://AKIAEXAMPLE:"
        + SECRET + "@minio.example.com:9000\n"));
    assertThat(problems).containsExactly("ERROR " + AT + "spec.config.s3Url: 'https://(user information not"
        + " shown)@minio.example.com:9000' carries user information: the aws plugin ignores it, while the"
        + " BackupStorageLocation keeps it in clear text for anyone who may read the location — remove it from the"
        + " URL, and give the keys in the credential Secret (credential(...) or spec.credential)");
    assertThat(String.join("\n", problems)).doesNotContain(SECRET).doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void anS3UrlThatIsNoHttpUrlIsAnErrorAndAnEmptyOneIsUnset() {
    assertThat(problemsOf(raw("  config:\n    region: us-east-1\n    s3Url: minio.example.com:9000\n")))
        .containsExactly("ERROR " + AT + "spec.config.s3Url: is not an http(s) URL with a host: it does not begin"
            + " with 'http://' or 'https://' (the value is not quoted here, as it may hold a key) — give the store's"
            + " endpoint, such as 'https://minio.example.com:9000'");
    assertThat(problemsOf(raw("  config:\n    region: us-east-1\n    s3Url: ''\n"))).isEmpty();
  }

  @Test
  void skippingTlsVerificationIsAWarningWhenGoReadsTheValueAsTrue() {
    String warning = "WARNING " + AT + "spec.config.insecureSkipTLSVerify: is on: Velero will not verify the store's"
        + " TLS certificate, so anyone on the path can read and alter backups — give the store's CA bundle"
        + " (caCert(...) or spec.objectStorage.caCert) and switch insecureSkipTLSVerify off";
    for (String on : List.of("'true'", "'1'", "'T'", "'TRUE'")) {
      assertThat(problemsOf(raw("  config:\n    region: us-east-1\n    insecureSkipTLSVerify: " + on + "\n")))
          .as(on).containsExactly(warning);
    }
    assertThat(problemsOf(raw("  config:\n    region: us-east-1\n    insecureSkipTLSVerify: 'false'\n"))).isEmpty();
  }

  @Test
  void aCaBundleMustBeBase64OfPem() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    assertThat(problemsOf(raw("    caCert: " + encoded + "\n"))).isEmpty();
    String notPem = "ERROR " + AT + "spec.objectStorage.caCert: is not a PEM certificate bundle (no '-----BEGIN"
        + " CERTIFICATE-----' line) — pass the PEM text of the CA certificates to caCert(...), not a file name or"
        + " base64; in YAML, give that text base64-encoded";
    String fileName = Base64.getEncoder().encodeToString("/etc/ssl/ca.pem".getBytes(StandardCharsets.UTF_8));
    assertThat(problemsOf(raw("    caCert: " + fileName + "\n"))).containsExactly(notPem);
    assertThat(problemsOf(raw("    caCert: '%%not base64'\n"))).containsExactly(notPem);
  }

  @Test
  void theCredentialSecretMustBeInTheSpec() {
    assertThat(problemsOf(raw("  credential:\n    name: s3\n    key: cloud\n"))).containsExactly("ERROR " + AT
        + "spec.credential.name: names Secret 's3', which is neither in the spec nor declared pre-existing in"
        + " namespace velero — add it, for example with BackupCredentials.builder().name(\"s3\")…, or declare it"
        + " with preExistingResource(ResourceRef.core(\"Secret\", \"velero\", \"s3\"))");
    assertThat(problemsOf(raw("  credential:\n    name: s3\n    key: cloud\n"), BackupCredentials.builder()
        .name("s3").accessKeyId("AKIAEXAMPLE").secretAccessKey(SECRET).build())).isEmpty();
  }

  @Test
  void aSnapshotLocationsCredentialSecretMustBeInTheSpec() {
    HasMetadata volumes = Manifests.parse("apiVersion: velero.io/v1\nkind: VolumeSnapshotLocation\nmetadata:\n"
        + "  name: ebs\n  namespace: velero\nspec:\n  provider: aws\n  credential:\n    name: aws\n    key: cloud\n"
        + "  config:\n    region: eu-west-1\n").get(0);
    assertThat(problemsOf(volumes)).containsExactly("ERROR [resources] VolumeSnapshotLocation.velero.io velero/ebs"
        + " spec.credential.name: names Secret 'aws', which is neither in the spec nor declared pre-existing in"
        + " namespace velero — add it, for example with BackupCredentials.builder().name(\"aws\")…, or declare it"
        + " with preExistingResource(ResourceRef.core(\"Secret\", \"velero\", \"aws\"))");
  }

  @Test
  void periodsMustBeGoDurations() {
    assertThat(problemsOf(raw("  backupSyncPeriod: 1m\n  validationFrequency: 2 minutes\n"))).containsExactly(
        "ERROR " + AT + "spec.validationFrequency: '2 minutes' is not a Go duration: it has an unknown unit"
            + " ' minutes' — write a Go duration such as '1m0s' (units h, m, s, ms, us, ns)");
  }

  @Test
  void aBuiltLocationReportsEachProblemOnce() {
    BackupStorageLocation built = BackupStorageLocation.builder().name("b").bucket("backups").region("us-east-1")
        .s3Url("https://k:" + SECRET + "@minio:9000").insecureSkipTLSVerify(true).caCert("ca.pem")
        .credential("s3", "cloud").backupSyncPeriod("soon").build();
    assertThat(problemsOf(built)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.config.s3Url",
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.credential.name",
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.objectStorage.caCert",
        "ERROR [b] BackupStorageLocation.velero.io velero/b spec.backupSyncPeriod",
        "WARNING [b] BackupStorageLocation.velero.io velero/b spec.config.insecureSkipTLSVerify");
  }
}
