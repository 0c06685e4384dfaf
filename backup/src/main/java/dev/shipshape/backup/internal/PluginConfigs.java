package dev.shipshape.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.net.URI;
import java.net.URISyntaxException;
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
 * have rules of their own: for them every key is taken. These are the one place for plugin rules: they hold for
 * every location of a spec, whichever component or raw YAML made it.
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
  /** What Go's {@code strconv.ParseBool} reads as true, and as false. */
  private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> GO_FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
  /** The plugin's {@code validChecksumAlg}; empty switches checksums off. */
  private static final List<String> CHECKSUM_ALGORITHMS = List.of("", "CRC32", "CRC32C", "SHA1", "SHA256");
  /** S3's {@code x-amz-server-side-encryption} values, which the plugin passes on to every PutObject. */
  private static final List<String> SERVER_SIDE_ENCRYPTIONS = List.of("AES256", "aws:kms", "aws:kms:dsse");
  /** The aws plugin's {@code CheckTags} limits: S3's ten tags an object, its key length, and its value length. */
  private static final int TAG_MAX = 10;
  private static final int TAG_KEY_MAX = 128;
  private static final int TAG_VALUE_MAX = 248;
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
    // gcp and azure refuse these keys as unknown; the aws plugin and S3-compatible plugins of others read them.
    if (!plugin.equals("gcp") && !plugin.equals("azure")) {
      text(config, "s3Url").filter(u -> !u.isEmpty()).ifPresent(url -> s3Url(ref, url, problems));
      if (text(config, "insecureSkipTLSVerify").filter(GO_TRUE::contains).isPresent()) {
        problems.add(Problem.warning(ref, "spec.config.insecureSkipTLSVerify", "is on: Velero will not verify the"
            + " store's TLS certificate, so anyone on the path can read and alter backups", "give the store's CA"
            + " bundle (caCert(...) or spec.objectStorage.caCert) and switch insecureSkipTLSVerify off"));
      }
    }
    return problems;
  }

  /** The problems of a VolumeSnapshotLocation's {@code spec.config}, for its plugin {@code provider}. */
  static List<Problem> snapshotter(ResourceRef ref, String provider, JsonNode config) {
    String plugin = plugin(provider);
    List<Problem> problems = new ArrayList<>();
    Optional.ofNullable(SNAPSHOTTER_KEYS.get(plugin)).ifPresent(keys -> unknownKeys(ref, plugin,
        "volume snapshotter", keys, config, "the volume snapshots of every backup taken"
        + " through it fail", problems));
    if (plugin.equals("aws") && text(config, "region").filter(r -> !r.isEmpty()).isEmpty()) {
      // The snapshotter's Init: "missing region in aws configuration".
      problems.add(Problem.error(ref, "spec.config.region", "is unset; the aws volume snapshotter needs the region"
          + " of the volumes and refuses the config without it", "set region (region(...) or spec.config.region),"
          + " such as 'eu-central-1'"));
    }
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
    // Without s3Url and region the plugin asks AWS for the bucket's region; an S3-compatible store cannot answer.
    if (nonEmpty(config, "s3Url") && !nonEmpty(config, "region")) {
      problems.add(Problem.error(ref, "spec.config.region", "is unset although s3Url is set; the aws plugin"
          + " cannot look up the region of an S3-compatible store", "set region (region(...) or"
          + " spec.config.region), such as 'us-east-1' for MinIO or the store's own region name"));
    }
    text(config, "tagging").filter(t -> !t.isEmpty()).flatMap(PluginConfigs::taggingProblem).ifPresent(wrong ->
        problems.add(Problem.error(ref, "spec.config.tagging", wrong + ", so the aws plugin refuses the config",
            "write two to ten tags as key=value joined by '&', such as 'team=platform&env=prod' (keys up to "
                + TAG_KEY_MAX + " characters, values up to " + TAG_VALUE_MAX + "), or leave tagging unset")));
    // The plugin's Init returns at this pair with a nil error (it wraps one), so Velero takes the location while
    // the steps after it never ran.
    if (nonEmpty(config, "kmsKeyId") && nonEmpty(config, "customerKeyEncryptionFile")) {
      problems.add(Problem.error(ref, "spec.config.customerKeyEncryptionFile", "is set together with kmsKeyId: the"
          + " aws plugin stops setting up at this pair without reporting it, so the location is Available and"
          + " encrypts with the KMS key, but it cannot sign URLs (velero backup download, velero backup logs and"
          + " describe --details fail), sends no checksums and never checks tagging", "keep one: kmsKeyId"
          + " (SSE-KMS) or customerKeyEncryptionFile (SSE-C)"));
    }
  }

  /** An endpoint the plugin can reach, and that keeps no key in clear text; quoted without user information. */
  private static void s3Url(ResourceRef ref, String url, List<Problem> problems) {
    if (url.contains("@")) {
      problems.add(Problem.error(ref, "spec.config.s3Url", "'" + Urls.redacted(url) + "' carries user information:"
          + " the aws plugin ignores it, while the BackupStorageLocation keeps it in clear text for anyone who may"
          + " read the location", "remove it from the URL, and give the keys in the credential Secret"
          + " (credential(...) or spec.credential)"));
      return;
    }
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return;
    } catch (URISyntaxException e) {
      // reported below
    }
    // Not quoted: what is no URL may be anything, a key included ('host:9000?secretKey=...').
    String why = url.matches("https?://.*") ? "it does not parse as a URL with a host"
        : "it does not begin with 'http://' or 'https://'";
    problems.add(Problem.error(ref, "spec.config.s3Url", "is not an http(s) URL with a host: " + why + " (the value"
        + " is not quoted here, as it may hold a key)", "give the store's endpoint, such as"
        + " 'https://minio.example.com:9000'"));
  }

  /**
   * What is wrong with {@code tagging} as the aws plugin's {@code CheckTags} reads it: tags joined by {@code &}
   * (a lone tag is refused), at most ten, each one {@code key=value} with a key up to 128 characters and a value
   * up to 248.
   */
  private static Optional<String> taggingProblem(String tagging) {
    String[] tags = tagging.split("&", -1);
    if (tags.length == 1) {
      return Optional.of("'" + tagging + "' is a single tag; the plugin takes tags joined by '&' and refuses one"
          + " alone");
    }
    if (tags.length > TAG_MAX) return Optional.of("has " + tags.length + " tags; S3 takes at most " + TAG_MAX);
    for (String tag : tags) {
      String[] pair = tag.split("=", -1);
      if (pair.length != 2) return Optional.of("'" + tag + "' is not a key=value tag");
      if (pair[0].codePointCount(0, pair[0].length()) > TAG_KEY_MAX) {
        return Optional.of("tag key '" + pair[0] + "' is longer than " + TAG_KEY_MAX + " characters");
      }
      if (pair[1].codePointCount(0, pair[1].length()) > TAG_VALUE_MAX) {
        return Optional.of("the value of tag '" + pair[0] + "' is longer than " + TAG_VALUE_MAX + " characters");
      }
    }
    return Optional.empty();
  }

  private static void azureObjectStore(ResourceRef ref, JsonNode config, List<Problem> problems) {
    // The plugin's and Velero's repository blob client (NewStorageClient) both start with "storageAccount is
    // required in BSL", whatever storageAccountURI and useAAD say.
    if (!nonEmpty(config, "storageAccount")) {
      problems.add(Problem.error(ref, "spec.config.storageAccount", "is unset: the azure plugin refuses the config"
          + " without the storage account that holds the container (the bucket), also when storageAccountURI and"
          + " useAAD are set", "set config storageAccount to the account's name"));
    }
    goBoolean(ref, config, "useAAD", problems);
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
    text(config, key).filter(v -> !GO_TRUE.contains(v) && !GO_FALSE.contains(v)).ifPresent(v -> problems.add(
        Problem.error(ref, "spec.config." + key, "'" + v + "' is not a boolean as the plugin parses it (Go's"
            + " strconv.ParseBool), so it refuses the config", "write true or false")));
  }

  private static String closestOr(String value, List<String> valid) {
    return ClosestName.to(value, valid).map(v -> "write '" + v + "'").orElse("write one of " + String.join(", ",
        valid));
  }

  private static boolean nonEmpty(JsonNode config, String key) {
    return text(config, key).filter(v -> !v.isEmpty()).isPresent();
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
