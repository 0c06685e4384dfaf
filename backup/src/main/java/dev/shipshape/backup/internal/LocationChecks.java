package dev.shipshape.backup.internal;

import dev.shipshape.backup.BackupCredentials;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.VolumeSnapshotLocation;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks of the typed builders of storage locations, snapshot locations and their credentials; the plugins' rules
 * for the compiled {@code spec.config} are in {@code PluginConfigs}. Never prints a credential.
 */
public final class LocationChecks {
  private static final Set<String> TYPED_STORAGE_KEYS =
      Set.of("region", "s3Url", "s3ForcePathStyle", "insecureSkipTLSVerify");

  private LocationChecks() {}

  public static List<Problem> storage(BackupStorageLocation l, SpecContext context) {
    ResourceRef ref = l.ref();
    List<Problem> problems = new ArrayList<>();
    // The bucket and the plugin's config are checked with every location of the spec, raw ones included, by
    // LocationSpecCheck; here only what the builder's attributes add.
    l.s3Url().ifPresent(url -> checkUrl(ref, url, problems));
    if (l.insecureSkipTLSVerify()) {
      problems.add(Problem.warning(ref, "spec.config.insecureSkipTLSVerify", "is on: Velero will not verify the"
          + " store's TLS certificate, so anyone on the path can read and alter backups",
          "give the store's CA bundle with caCert(...) and switch insecureSkipTLSVerify off"));
    }
    for (String key : l.config().keySet()) {
      if (TYPED_STORAGE_KEYS.contains(key)) {
        problems.add(Problem.error(ref, "spec.config." + key, "is set through config(...); it has its own"
            + " builder attribute", "use " + key + "(...) instead of config(\"" + key + "\", …)"));
      }
    }
    l.caCert().filter(pem -> !pem.contains("-----BEGIN CERTIFICATE-----")).ifPresent(pem -> problems.add(
        Problem.error(ref, "spec.objectStorage.caCert", "is not a PEM certificate bundle (no '-----BEGIN"
            + " CERTIFICATE-----' line)", "pass the PEM text of the CA certificates, not a file name or base64")));
    l.credentialSecret().ifPresent(secret -> References.requireSecret(context, ref, "spec.credential.name",
        l.veleroNamespace(), secret, problems));
    l.backupSyncPeriod().ifPresent(p -> References.requireDuration(ref, "spec.backupSyncPeriod", p, "1m0s",
        problems));
    l.validationFrequency().ifPresent(p -> References.requireDuration(ref, "spec.validationFrequency", p, "1m0s",
        problems));
    return problems;
  }

  public static List<Problem> snapshots(VolumeSnapshotLocation l, SpecContext context) {
    ResourceRef ref = l.ref();
    List<Problem> problems = new ArrayList<>();
    if (l.region().isPresent() && l.config().containsKey("region")) {
      problems.add(Problem.error(ref, "spec.config.region", "is set both by region(...) and by config(...)",
          "keep region(...) and drop config(\"region\", …)"));
    }
    l.credentialSecret().ifPresent(secret -> References.requireSecret(context, ref, "spec.credential.name",
        l.veleroNamespace(), secret, problems));
    return problems;
  }

  public static List<Problem> credentials(BackupCredentials c) {
    ResourceRef ref = c.ref();
    List<Problem> problems = new ArrayList<>();
    // The key itself is checked with every Secret's keys by the planner.
    if (c.profile().isEmpty() || c.profile().matches(".*[\\[\\]\\s].*")) {
      problems.add(Problem.error(ref, "data." + c.key(), "profile '" + c.profile() + "' cannot be a section name"
          + " of a credentials file", "use a name without brackets or white space, such as 'default'"));
    }
    // Messages name the attribute, never the value.
    checkSecretValue(ref, c.key(), "accessKeyId", c.accessKeyId(), problems);
    checkSecretValue(ref, c.key(), "secretAccessKey", c.secretAccessKey(), problems);
    return problems;
  }

  private static void checkSecretValue(ResourceRef ref, String key, String attribute, String value,
      List<Problem> problems) {
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      problems.add(Problem.error(ref, "data." + key, attribute + " is empty or has white space or line breaks"
          + " (value not shown)", "pass the " + attribute + " exactly as the store issued it"));
    }
  }

  private static void checkUrl(ResourceRef ref, String url, List<Problem> problems) {
    if (url.contains("@")) {
      problems.add(Problem.error(ref, "spec.config.s3Url", "'" + Urls.redacted(url) + "' carries user information:"
          + " the aws plugin ignores it, while the BackupStorageLocation keeps it in clear text for anyone who may"
          + " read the location", "remove it from the URL, and give the keys in the credential Secret"
          + " (credential(...))"));
      return;
    }
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return;
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(Problem.error(ref, "spec.config.s3Url", "'" + url + "' is not an http(s) URL with a host",
        "give the store's endpoint, such as 'https://minio.example.com:9000'"));
  }
}
