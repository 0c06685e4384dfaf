package dev.shipshape.backup.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.BackupCredentials;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.core.findings.Severity;
import java.net.ServerSocket;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 probe against a real S3-compatible server (s3proxy over an in-memory blob store) on 127.0.0.1. */
class S3ProbeTest {
  private static final String ACCESS_KEY = "AKIAPROBETEST";
  private static final String SECRET_KEY = "probe-secret-key";
  private static BlobStoreContext blobs;
  private static S3Proxy proxy;
  private static String endpoint;

  @BeforeAll
  static void startS3() throws Exception {
    blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:" + freePort()))
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) Thread.sleep(10);
    endpoint = "http://127.0.0.1:" + proxy.getPort();
    blobs.getBlobStore().createContainerInLocation(null, "backups");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (proxy != null) proxy.stop();
    if (blobs != null) blobs.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static S3Probe.Builder probe() {
    return S3Probe.builder().endpoint(endpoint).region("us-east-1").pathStyle(true).bucket("backups")
        .prefix("prod").accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY);
  }

  @Test
  void goodCredentialsListWriteAndDeleteUnderThePrefix() {
    FindingReport report = probe().build().run();
    assertThat(report.findings()).singleElement().hasToString("INFO backup-s3: s3://backups/prod: bucket exists; listed,"
        + " wrote and deleted a probe object under the prefix");
    BlobStore store = blobs.getBlobStore();
    assertThat(store.list("backups")).as("the probe object is deleted again").isEmpty();
  }

  @Test
  void badCredentialsAreDenied() {
    FindingReport report = probe().secretAccessKey("wrong-secret").build().run();
    assertThat(report.failed()).isTrue();
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).startsWith("s3://backups/prod: HeadBucket was denied (403").endsWith("the credentials are wrong, or their"
          + " policy does not allow s3:ListBucket on bucket 'backups'");
      assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("s3:PutObject"));
    });
    assertThat(report.toText() + report.toJson()).doesNotContain("wrong-secret").doesNotContain(SECRET_KEY);
  }

  @Test
  void missingBucket() {
    FindingReport report = probe().bucket("no-such-bucket").build().run();
    assertThat(report.findings()).singleElement().hasToString("HIGH backup-s3: s3://no-such-bucket/prod: bucket"
        + " 'no-such-bucket' does not exist (HeadBucket: 404) — create the bucket, or fix the bucket name of the"
        + " location");
  }

  @Test
  void unreachableEndpoint() throws Exception {
    FindingReport report = probe().endpoint("http://127.0.0.1:" + freePort()).build().run();
    assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
        .startsWith("s3://backups/prod: cannot reach http://127.0.0.1:").contains("(HeadBucket)"));
  }

  @Test
  void anEndpointWithUserInformationIsReportedWithoutIt() throws Exception {
    int port = freePort();
    FindingReport report = probe().endpoint("http://AKIAEXAMPLE:s3cr3t@127.0.0.1:" + port).build().run();
    assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.message())
        .startsWith("s3://backups/prod: cannot reach http://(user information not shown)@127.0.0.1:" + port
            + " (HeadBucket)").doesNotContain("s3cr3t").doesNotContain("AKIAEXAMPLE"));
    for (String secret : new String[] {"s3 cr3t", "s3%cr3t", "s3#cr3t", "s3?cr3t"}) {
      FindingReport malformed = probe().endpoint("http://AKIAEXAMPLE:" + secret + "@127.0.0.1:" + port).build()
          .run();
      assertThat(malformed.findings()).singleElement().satisfies(f -> assertThat(f.message())
          .isEqualTo("s3://backups/prod: the endpoint http://(user information not shown)@127.0.0.1:" + port
              + " is not a valid URL").doesNotContain("cr3t"));
    }
  }

  @Test
  void probeFromALocationAndItsCredentials() {
    BackupStorageLocation location = BackupStorageLocation.builder().name("primary").bucket("backups")
        .prefix("cluster-a").region("us-east-1").s3Url(endpoint).s3ForcePathStyle(true)
        .credential("cloud-credentials", "cloud").build();
    BackupCredentials credentials = BackupCredentials.builder().accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY)
        .build();
    S3Probe probe = S3Probe.forLocation(location, credentials).build();
    assertThat(probe.toString()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
    assertThat(probe.location()).isEqualTo("s3://backups/cluster-a");
    assertThat(probe.run().failed()).isFalse();
  }

  @Test
  void theOptionalAwsSdkIsDetected() {
    assertThat(S3Probe.awsSdkPresent(S3Probe.class.getClassLoader())).isTrue();
    assertThat(S3Probe.awsSdkPresent(new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
      }
    })).isFalse();
  }
}
