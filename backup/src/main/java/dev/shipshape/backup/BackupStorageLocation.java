package dev.shipshape.backup;

import dev.shipshape.backup.internal.LocationChecks;
import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.BackupStorageLocationSpec;
import dev.shipshape.backup.model.ObjectStorageLocation;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Velero writes backups: a bucket (and prefix) of an object store. The provider defaults to {@code aws},
 * Velero's plugin for AWS S3 and every S3-compatible store (MinIO, Ceph, …).
 *
 * <pre>{@code
 * BackupStorageLocation.builder().name("primary").bucket("backups").prefix("prod")
 *     .region("eu-central-1").s3Url("https://s3.example.com").s3ForcePathStyle(true)
 *     .credential(credentials).defaultLocation(true).build();
 * }</pre>
 *
 * <p>Planning checks every location of the spec alike, whether built here, given as raw YAML or made by another
 * component: a region with {@code s3Url}, an http(s) URL without user information, the credential Secret in the
 * spec, a PEM CA bundle, Go durations, a valid S3 bucket name (for the {@code aws} provider), one {@linkplain
 * #defaultLocation() default} location at most, {@linkplain #config() plugin settings} the provider's plugin
 * takes, and a warning when TLS verification is switched off. {@link #validate} adds only that a typed setting
 * must not come through {@link #config()}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class BackupStorageLocation implements Component {

  @Override
  public abstract String name();

  /** The namespace Velero runs in. By default, {@code velero}. */
  @Value.Default
  public String veleroNamespace() {
    return Velero.DEFAULT_NAMESPACE;
  }

  /** The object store plugin. By default, {@code aws}. */
  @Value.Default
  public String provider() {
    return "aws";
  }

  /**
   * The bucket's bare name, without a folder (that goes into {@link #prefix}). For the {@code aws} provider, an S3
   * bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit.
   */
  public abstract String bucket();

  /** A folder in the bucket to keep Velero's data under. By default, the bucket's root. */
  public abstract Optional<String> prefix();

  /** The region; required with {@link #s3Url}, where the plugin cannot discover it. */
  public abstract Optional<String> region();

  /** The endpoint of an S3-compatible store, such as {@code https://minio.example.com:9000}. */
  public abstract Optional<String> s3Url();

  /** Path-style addressing ({@code host/bucket}), which most S3-compatible stores need. By default, off. */
  @Value.Default
  public boolean s3ForcePathStyle() {
    return false;
  }

  /** Skips TLS certificate checks. By default, off; validation warns when it is on. */
  @Value.Default
  public boolean insecureSkipTLSVerify() {
    return false;
  }

  /**
   * Further plugin settings, such as {@code checksumAlgorithm} or {@code serverSideEncryption}. Planning checks the
   * keys and values of the {@code aws}, {@code gcp} and {@code azure} plugins, which refuse a key they do not know
   * (the location turns Unavailable): a misspelled key is an error naming the closest one. The plugins of other
   * providers have rules of their own, so for them every key is taken.
   */
  public abstract Map<String, String> config();

  /** The Secret with the credentials file. By default, the Velero server's own credentials. */
  public abstract Optional<String> credentialSecret();

  /** The key of the credentials file in {@link #credentialSecret}. By default, {@code cloud}. */
  @Value.Default
  public String credentialKey() {
    return "cloud";
  }

  /** A PEM bundle of the CA certificates that sign the store's certificate. */
  public abstract Optional<String> caCert();

  /** Whether backups that name no location go here; one location of the namespace at most. By default, false. */
  @Value.Default
  public boolean defaultLocation() {
    return false;
  }

  @Value.Default
  public LocationAccessMode accessMode() {
    return LocationAccessMode.READ_WRITE;
  }

  /** How often Velero syncs backups from the bucket, as a Go duration. By default, the server's (1m). */
  public abstract Optional<String> backupSyncPeriod();

  /** How often Velero checks the location is reachable, as a Go duration. By default, the server's (1m). */
  public abstract Optional<String> validationFrequency();

  public static Builder builder() {
    return ImmutableBackupStorageLocation.builder();
  }

  /** The reference of the compiled BackupStorageLocation. */
  public ResourceRef ref() {
    return Velero.ref("BackupStorageLocation", veleroNamespace(), name());
  }

  /** The plugin settings as Velero receives them: the typed ones first, then {@link #config()}. */
  public Map<String, String> pluginConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    region().ifPresent(r -> config.put("region", r));
    s3Url().ifPresent(u -> config.put("s3Url", u));
    if (s3ForcePathStyle()) config.put("s3ForcePathStyle", "true");
    if (insecureSkipTLSVerify()) config.put("insecureSkipTLSVerify", "true");
    config().forEach(config::putIfAbsent);
    return config;
  }

  /** Velero's {@code BackupStorageLocation} CRD. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(Velero.crd("BackupStorageLocation"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    var location = new dev.shipshape.backup.model.BackupStorageLocation();
    location.setMetadata(Templates.metadata(name(), veleroNamespace()));
    location.setSpec(new BackupStorageLocationSpec(
        provider(),
        new ObjectStorageLocation(bucket(), prefix().orElse(null), caCert()
            .map(pem -> Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))).orElse(null)),
        pluginConfig(),
        credentialSecret().map(s -> new SecretKeySelector(credentialKey(), s, null)).orElse(null),
        defaultLocation() ? Boolean.TRUE : null,
        accessMode().value(),
        backupSyncPeriod().orElse(null),
        validationFrequency().orElse(null)));
    return List.of(location);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return LocationChecks.storage(this);
  }

  /** Builds {@link BackupStorageLocation}s. */
  public interface Builder {
    /** Starts from every attribute of {@code location}. */
    Builder from(BackupStorageLocation location);

    Builder name(String name);

    Builder veleroNamespace(String veleroNamespace);

    Builder provider(String provider);

    Builder bucket(String bucket);

    Builder prefix(String prefix);

    Builder region(String region);

    Builder s3Url(String s3Url);

    Builder s3ForcePathStyle(boolean s3ForcePathStyle);

    Builder insecureSkipTLSVerify(boolean insecureSkipTLSVerify);

    Builder putConfig(String key, String value);

    /** Replaces the further plugin settings. */
    Builder config(Map<String, ? extends String> config);

    Builder credentialSecret(String credentialSecret);

    Builder credentialKey(String credentialKey);

    /** Reads the credentials from {@code key} of Secret {@code secret} in the Velero namespace. */
    default Builder credential(String secret, String key) {
      return credentialSecret(secret).credentialKey(key);
    }

    /** Reads the credentials from the Secret that {@code credentials} compiles to. */
    default Builder credential(BackupCredentials credentials) {
      return credential(credentials.name(), credentials.key());
    }

    Builder caCert(String caCert);

    Builder defaultLocation(boolean defaultLocation);

    Builder accessMode(LocationAccessMode accessMode);

    Builder backupSyncPeriod(String backupSyncPeriod);

    default Builder backupSyncPeriod(Duration period) {
      return backupSyncPeriod(GoDuration.format(period));
    }

    Builder validationFrequency(String validationFrequency);

    default Builder validationFrequency(Duration frequency) {
      return validationFrequency(GoDuration.format(frequency));
    }

    BackupStorageLocation build();
  }
}
