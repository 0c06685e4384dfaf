package dev.shipshape.backup.preflight;

import dev.shipshape.backup.BackupCredentials;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An object store to probe the way Velero will use it: the bucket exists, and the credentials can list objects,
 * write one and delete it again under the prefix. Uses the AWS SDK for Java v2, which speaks to AWS S3 and every
 * S3-compatible store. The keys are redacted from {@link #toString()}.
 *
 * <pre>{@code
 * S3Probe.forLocation(primary, credentials).build().run();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class S3Probe {

  /** The endpoint of an S3-compatible store. By default, AWS S3's endpoint for {@link #region}. */
  public abstract Optional<String> endpoint();

  /** By default, {@code us-east-1}. */
  @Value.Default
  public String region() {
    return "us-east-1";
  }

  public abstract String bucket();

  /** The folder Velero writes under. By default, the bucket's root. */
  public abstract Optional<String> prefix();

  /** Path-style addressing ({@code host/bucket}). By default, off. */
  @Value.Default
  public boolean pathStyle() {
    return false;
  }

  @Value.Redacted
  public abstract String accessKeyId();

  @Value.Redacted
  public abstract String secretAccessKey();

  public static Builder builder() {
    return ImmutableS3Probe.builder();
  }

  /** A probe of {@code location}'s bucket, endpoint and prefix with {@code credentials}' keys. */
  public static Builder forLocation(BackupStorageLocation location, BackupCredentials credentials) {
    Builder builder = builder().bucket(location.bucket()).pathStyle(location.s3ForcePathStyle())
        .accessKeyId(credentials.accessKeyId()).secretAccessKey(credentials.secretAccessKey());
    location.prefix().ifPresent(builder::prefix);
    location.region().ifPresent(builder::region);
    location.s3Url().ifPresent(builder::endpoint);
    return builder;
  }

  /** {@code s3://bucket/prefix}. */
  public String location() {
    return "s3://" + bucket() + prefix().map(p -> "/" + p).orElse("");
  }

  /** Runs the probe alone. */
  public FindingReport run() {
    if (!awsSdkPresent(S3Probe.class.getClassLoader())) {
      return BackupFindings.report(List.of(BackupFindings.fail("s3", location(), "cannot probe: the AWS SDK for"
          + " Java v2 is not on the class path", "add the dependencies software.amazon.awssdk:s3 and"
          + " software.amazon.awssdk:url-connection-client, which shipshape-backup declares optional")));
    }
    return BackupFindings.report(S3Checks.run(this));
  }

  /** The AWS SDK is an optional dependency: only the S3 probe needs it. */
  static boolean awsSdkPresent(ClassLoader loader) {
    try {
      Class.forName("software.amazon.awssdk.services.s3.S3Client", false, loader);
      Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient", false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Builds {@link S3Probe}s. */
  public interface Builder {
    /** Starts from every attribute of {@code probe}. */
    Builder from(S3Probe probe);

    Builder endpoint(String endpoint);

    Builder endpoint(Optional<String> endpoint);

    Builder region(String region);

    Builder bucket(String bucket);

    Builder prefix(String prefix);

    Builder prefix(Optional<String> prefix);

    Builder pathStyle(boolean pathStyle);

    Builder accessKeyId(String accessKeyId);

    Builder secretAccessKey(String secretAccessKey);

    S3Probe build();
  }
}
