package dev.shipshape.backup.internal;

import dev.shipshape.backup.BackupCredentials;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.VolumeSnapshotLocation;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks of the typed builders of storage locations, snapshot locations and their credentials that only the builders
 * can get wrong; what the locations compile to is checked by {@code LocationSpecCheck}, raw locations included. Never
 * prints a credential.
 */
public final class LocationChecks {
  private static final Set<String> TYPED_STORAGE_KEYS =
      Set.of("region", "s3Url", "s3ForcePathStyle", "insecureSkipTLSVerify");

  private LocationChecks() {}

  public static List<Problem> storage(BackupStorageLocation l) {
    List<Problem> problems = new ArrayList<>();
    // Everything the location compiles to is checked with every location of the spec, raw ones included, by
    // LocationSpecCheck; here only what is wrong with the builder's use.
    for (String key : l.config().keySet()) {
      if (TYPED_STORAGE_KEYS.contains(key)) {
        problems.add(Problem.error(l.ref(), "spec.config." + key, "is set through config(...); it has its own"
            + " builder attribute", "use " + key + "(...) instead of config(\"" + key + "\", …)"));
      }
    }
    return problems;
  }

  public static List<Problem> snapshots(VolumeSnapshotLocation l) {
    if (l.region().isEmpty() || !l.config().containsKey("region")) return List.of();
    return List.of(Problem.error(l.ref(), "spec.config.region", "is set both by region(...) and by config(...)",
        "keep region(...) and drop config(\"region\", …)"));
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
}
