package dev.shipshape.backup.preflight;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.backup.internal.Urls;
import dev.shipshape.core.findings.Finding;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 probe: HeadBucket, ListObjectsV2 under the prefix, PutObject and DeleteObject of a probe object. Only
 * the first failing step is reported, as the later ones depend on it. Messages never contain the keys.
 */
final class S3Checks {
  private static final String CHECK = "s3";

  private S3Checks() {}

  static List<Finding> run(S3Probe probe) {
    List<Finding> findings = new ArrayList<>();
    String subject = probe.location();
    Optional<URI> endpoint;
    try {
      endpoint = probe.endpoint().map(S3Checks::endpoint);
    } catch (IllegalArgumentException e) {
      // The parser's message quotes the whole URL, credentials included.
      findings.add(BackupFindings.fail(CHECK, subject, "the endpoint " + Urls.redacted(probe.endpoint().get())
          + " is not a valid URL", "write the endpoint as a URL such as https://s3.example.com:9000, with no "
          + "credentials in it"));
      return findings;
    }
    try (S3Client s3 = client(probe, endpoint)) {
      String step = "HeadBucket";
      try {
        s3.headBucket(b -> b.bucket(probe.bucket()));
        step = "ListObjectsV2";
        s3.listObjectsV2(b -> b.bucket(probe.bucket()).prefix(probe.prefix().map(p -> p + "/").orElse(""))
            .maxKeys(1));
        String key = probe.prefix().map(p -> p + "/").orElse("") + ".shipshape-preflight-" + UUID.randomUUID();
        step = "PutObject";
        s3.putObject(b -> b.bucket(probe.bucket()).key(key), RequestBody.fromString("shipshape preflight probe"));
        step = "DeleteObject";
        s3.deleteObject(b -> b.bucket(probe.bucket()).key(key));
        findings.add(BackupFindings.pass(CHECK, subject, "bucket exists; listed, wrote and deleted a probe object under"
            + " the prefix"));
      } catch (S3Exception e) {
        findings.add(failure(probe, subject, step, e));
      } catch (SdkClientException e) {
        findings.add(BackupFindings.fail(CHECK, subject, "cannot reach "
            + probe.endpoint().map(Urls::redacted).orElse("AWS S3") + " (" + step + "): "
            + ClusterChecks.firstLine(e.getMessage()), "check the endpoint URL, the network path and TLS settings"));
      }
    } catch (SdkException e) {
      findings.add(BackupFindings.fail(CHECK, subject, "cannot set up an S3 client: " + ClusterChecks.firstLine(
          e.getMessage()), "check the endpoint URL and region"));
    }
    return findings;
  }

  private static Finding failure(S3Probe probe, String subject, String step, S3Exception e) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
        : " " + e.awsErrorDetails().errorCode();
    if (status == 404 && (step.equals("HeadBucket") || e instanceof NoSuchBucketException)) {
      return BackupFindings.fail(CHECK, subject, "bucket '" + probe.bucket() + "' does not exist (" + step + ": 404)",
          "create the bucket, or fix the bucket name of the location");
    }
    if (status == 403 || status == 401) {
      return BackupFindings.fail(CHECK, subject, step + " was denied (" + status + code + "): the credentials are"
          + " wrong, or their policy does not allow " + action(step) + " on bucket '" + probe.bucket() + "'",
          "check the access key in the credentials Secret and that its policy allows s3:ListBucket, s3:GetObject,"
              + " s3:PutObject and s3:DeleteObject on the bucket");
    }
    return BackupFindings.fail(CHECK, subject, step + " failed (" + status + code + "): "
        + ClusterChecks.firstLine(e.getMessage()), "check the store's logs and the location's settings");
  }

  /** The IAM action a step needs. */
  private static String action(String step) {
    switch (step) {
      case "PutObject":
        return "s3:PutObject";
      case "DeleteObject":
        return "s3:DeleteObject";
      default:
        return "s3:ListBucket";
    }
  }

  /**
   * The endpoint as a URL the S3 client can use: http or https, a host, no query or fragment (a '#' or '?' in a
   * key would otherwise cut the URL there and reach the client's own error message).
   */
  private static URI endpoint(String url) {
    URI uri = URI.create(url);
    boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("not an http or https URL of a host");
    }
    return uri;
  }

  private static S3Client client(S3Probe probe, Optional<URI> endpoint) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(probe.region()))
        .forcePathStyle(probe.pathStyle())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(probe.accessKeyId(), probe.secretAccessKey())))
        // Many S3-compatible stores reject the SDK's default trailing checksums; Velero's plugin sends none.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)).retryStrategy(r -> r.maxAttempts(1)));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
