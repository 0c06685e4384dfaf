package dev.shipshape.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config} keys and values that Velero's plugins for AWS, GCP and Azure accept, for a
 * BackupStorageLocation (the plugin's object store) and a VolumeSnapshotLocation (its volume snapshotter).
 *
 * <p>Each of these plugins starts by refusing a config holding a key it does not know ({@code
 * ValidateObjectStoreConfigKeys}, which also takes {@code bucket}, {@code prefix} and {@code caCert}, and {@code
 * ValidateVolumeSnapshotterConfigKeys} of Velero's plugin framework): Velero then reports the location Unavailable,
 * or fails the snapshots taken through it. The keys are those of the plugins' {@code Init} methods
 * (velero-plugin-for-aws {@code object_store.go} and {@code volume_snapshotter.go}, velero-plugin-for-gcp and
 * velero-plugin-for-microsoft-azure likewise), with the value rules those methods apply. Plugins of other providers
 * have rules of their own: for them every key is taken.
 */
final class PluginConfigs {
  private static final List<String> STORE_COMMON = List.of("bucket", "prefix", "caCert");
  private static final Map<String, List<String>> OBJECT_STORE_KEYS = Map.of(
      "aws", List.of("region", "s3Url", "publicUrl", "kmsKeyId", "customerKeyEncryptionFile", "s3ForcePathStyle",
          "signatureVersion", "credentialsFile", "profile", "serverSideEncryption", "insecureSkipTLSVerify",
          "enableSharedConfig", "tagging", "checksumAlgorithm"),
      "gcp", List.of("kmsKeyName", "serviceAccount", "credentialsFile", "storeEndpoint", "universeDomain"),
      "azure", List.of("resourceGroup", "storageAccount", "subscriptionId", "blockSizeInBytes",
          "activeDirectoryAuthorityURI", "storageAccountURI", "useAAD", "storageAccountKeyEnvVar", "credentialsFile",
          "apiVersion"));
  private static final Map<String, List<String>> SNAPSHOTTER_KEYS = Map.of(
      "aws", List.of("region", "profile", "credentialsFile", "enableSharedConfig"),
      "gcp", List.of("snapshotLocation", "snapshotType", "project", "credentialsFile", "volumeProject"),
      "azure", List.of("activeDirectoryAuthorityURI", "resourceGroup", "apiTimeout", "subscriptionId",
          "incremental", "tags", "credentialsFile"));
  /** What Go's {@code strconv.ParseBool} takes. */
  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");
  /** The plugin's {@code validChecksumAlg}; empty switches checksums off. */
  private static final List<String> CHECKSUM_ALGORITHMS = List.of("", "CRC32", "CRC32C", "SHA1", "SHA256");
  /** S3's {@code x-amz-server-side-encryption} values, which the plugin passes on to every PutObject. */
  private static final List<String> SERVER_SIDE_ENCRYPTIONS = List.of("AES256", "aws:kms", "aws:kms:dsse");
  /** The Azure plugin's largest block, 100 MiB, also its default. */
  private static final long AZURE_MAX_BLOCK = 100L * 1024 * 1024;

  private PluginConfigs() {}

  /** The problems of a BackupStorageLocation's {@code spec.config}, for its plugin {@code provider}. */
  static List<Problem> objectStore(ResourceRef ref, String provider, JsonNode config) {
    String plugin = plugin(provider);
    List<Problem> problems = new ArrayList<>();
    Optional.ofNullable(OBJECT_STORE_KEYS.get(plugin)).ifPresent(keys -> unknownKeys(ref, plugin, "object store",
        concat(keys, STORE_COMMON), config, "the location turns Unavailable and no backup is written to it",
        problems));
    if (plugin.equals("aws")) awsObjectStore(ref, config, problems);
    if (plugin.equals("azure")) azureObjectStore(ref, config, problems);
    return problems;
  }

  /** The problems of a VolumeSnapshotLocation's {@code spec.config}, for its plugin {@code provider}. */
  static List<Problem> snapshotter(ResourceRef ref, String provider, JsonNode config) {
    String plugin = plugin(provider);
    List<Problem> problems = new ArrayList<>();
    Optional.ofNullable(SNAPSHOTTER_KEYS.get(plugin)).ifPresent(keys -> unknownKeys(ref, plugin,
        "volume snapshotter", keys, config, "the volume snapshots of every backup taken"
        + " through it fail", problems));
    if (plugin.equals("gcp")) {
      text(config, "snapshotType").filter(t -> !List.of("", "STANDARD", "ARCHIVE")
          .contains(t.toUpperCase(Locale.ROOT))).ifPresent(t -> problems.add(Problem.error(ref,
              "spec.config.snapshotType", "'" + t + "' is no snapshot type of the gcp plugin",
              "write STANDARD (the default) or ARCHIVE")));
    }
    if (plugin.equals("azure")) {
      text(config, "apiTimeout").ifPresent(t -> References.requireDuration(ref, "spec.config.apiTimeout", t, "2m",
          problems));
      goBoolean(ref, config, "incremental", problems);
      text(config, "tags").filter(t -> !t.isEmpty() && !t.matches("[^,=]+=[^,]*(,[^,=]+=[^,]*)*"))
          .ifPresent(t -> problems.add(Problem.error(ref, "spec.config.tags", "'" + t + "' is not a list of"
              + " tags as the azure plugin reads it", "write key=value pairs separated by commas, such as"
              + " 'team=platform,env=prod'")));
    }
    return problems;
  }

  /** Velero reads an unqualified plugin name as one of its own, {@code velero.io/<name>}. */
  private static String plugin(String provider) {
    return provider.startsWith("velero.io/") ? provider.substring("velero.io/".length()) : provider;
  }

  private static void unknownKeys(ResourceRef ref, String plugin, String role, List<String> keys, JsonNode config,
      String consequence, List<Problem> problems) {
    for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (keys.contains(key)) continue;
      String fix = ClosestName.to(key, keys).map(k -> "rename it to '" + k + "'").orElse("remove it")
          + " (the plugin's keys: " + String.join(", ", keys) + ")";
      problems.add(Problem.error(ref, "spec.config." + key, "'" + key + "' is not a config key of Velero's "
          + plugin + " " + role + " plugin, which refuses a config with a key it does not know, so " + consequence,
          fix));
    }
  }

  private static void awsObjectStore(ResourceRef ref, JsonNode config, List<Problem> problems) {
    goBoolean(ref, config, "s3ForcePathStyle", problems);
    goBoolean(ref, config, "insecureSkipTLSVerify", problems);
    text(config, "checksumAlgorithm").filter(a -> !CHECKSUM_ALGORITHMS.contains(a)).ifPresent(a -> problems.add(
        Problem.error(ref, "spec.config.checksumAlgorithm", "'" + a + "' is no checksum algorithm of the aws"
            + " plugin, which refuses the config (\"invalid checksum algorithm\")", closestOr(a,
            CHECKSUM_ALGORITHMS.subList(1, CHECKSUM_ALGORITHMS.size())) + "; CRC32 is the default, and an empty"
            + " value sends no checksum (for stores that do not take S3's)")));
    text(config, "serverSideEncryption").filter(e -> !SERVER_SIDE_ENCRYPTIONS.contains(e)).ifPresent(e ->
        problems.add(Problem.error(ref, "spec.config.serverSideEncryption", "'" + e + "' is no S3 server-side"
            + " encryption: the store refuses every object Velero writes with it", closestOr(e,
            SERVER_SIDE_ENCRYPTIONS) + "; for a KMS key give kmsKeyId instead")));
    if (text(config, "kmsKeyId").isPresent() && text(config, "customerKeyEncryptionFile").isPresent()) {
      problems.add(Problem.error(ref, "spec.config.customerKeyEncryptionFile", "is set together with kmsKeyId:"
          + " the aws plugin cannot encrypt with both, and encrypts with the KMS key", "keep one: kmsKeyId"
          + " (SSE-KMS) or customerKeyEncryptionFile (SSE-C)"));
    }
  }

  private static void azureObjectStore(ResourceRef ref, JsonNode config, List<Problem> problems) {
    if (text(config, "storageAccount").filter(a -> !a.isEmpty()).isEmpty()) {
      problems.add(Problem.error(ref, "spec.config.storageAccount", "is unset: the azure plugin needs the storage"
          + " account that holds the container (the bucket)", "set config storageAccount to the account's name"));
    }
    text(config, "blockSizeInBytes").filter(b -> !withinBlockSize(b)).ifPresent(b -> problems.add(
        Problem.warning(ref, "spec.config.blockSizeInBytes", "'" + b + "' is not a whole number of bytes from 1"
            + " to " + AZURE_MAX_BLOCK + ": the azure plugin ignores it and uploads blocks of " + AZURE_MAX_BLOCK,
            "give a block size in bytes up to " + AZURE_MAX_BLOCK + " (100 MiB), or leave it unset")));
  }

  private static boolean withinBlockSize(String value) {
    try {
      long size = Long.parseLong(value);
      return size > 0 && size <= AZURE_MAX_BLOCK;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void goBoolean(ResourceRef ref, JsonNode config, String key, List<Problem> problems) {
    text(config, key).filter(v -> !GO_BOOLEANS.contains(v)).ifPresent(v -> problems.add(Problem.error(ref,
        "spec.config." + key, "'" + v + "' is not a boolean as the plugin parses it (Go's strconv.ParseBool),"
            + " so it refuses the config", "write true or false")));
  }

  private static String closestOr(String value, List<String> valid) {
    return ClosestName.to(value, valid).map(v -> "write '" + v + "'").orElse("write one of " + String.join(", ",
        valid));
  }

  private static Optional<String> text(JsonNode config, String key) {
    JsonNode value = config.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
