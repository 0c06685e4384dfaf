package dev.shipshape.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.backup.Velero;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules over every Velero BackupStorageLocation and VolumeSnapshotLocation of a spec, whichever produced it: a
 * {@code BackupStorageLocation} component, raw YAML, or another component such as a Helm chart. The {@code config}
 * keys and values are those the location's plugin accepts ({@link PluginConfigs}); the credential Secret, CA bundle
 * and periods are checked by {@link LocationFields}. The bucket is a bare name
 * (Velero refuses a {@code /} in it), and for the {@code aws} plugin an S3 bucket name ({@link BucketNames});
 * Velero has no rule for the prefix but trimming its slashes. At most one location of a namespace is the default:
 * Velero supports one (see {@code velero backup-location set --default}, which unmarks the others, and
 * https://github.com/vmware-tanzu/velero/pull/6771).
 */
public final class LocationSpecCheck implements SpecCheck {
  /** Velero reads an unqualified plugin name as one of its own. */
  private static final Set<String> S3_PROVIDERS = Set.of("aws", "velero.io/aws");

  @Override
  public String name() {
    return "backup-locations";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    Map<String, List<HasMetadata>> defaults = new LinkedHashMap<>();
    for (HasMetadata location : context.resources(Velero.GROUP, "BackupStorageLocation")) {
      ResourceRef ref = ResourceRef.of(location);
      JsonNode spec = Manifests.toTree(location).path("spec");
      // A compiled location leaves an empty bucket out, as it does every empty field.
      String bucket = spec.path("objectStorage").path("bucket").asText("");
      String producer = context.producerOf(ref).orElse(name());
      bucketProblem(ref, bucket, S3_PROVIDERS.contains(spec.path("provider").asText()), oldBucketPossible(spec))
          .map(p -> p.inComponent(producer)).ifPresent(problems::add);
      List<Problem> own = new ArrayList<>(PluginConfigs.objectStore(ref, spec.path("provider").asText(),
          spec.path("config")));
      LocationFields.storage(context, ref, spec, own);
      own.forEach(p -> problems.add(p.inComponent(producer)));
      if (spec.path("default").booleanValue()) {
        String ns = Objects.requireNonNullElse(location.getMetadata().getNamespace(), "default");
        defaults.computeIfAbsent(ns, n -> new ArrayList<>()).add(location);
      }
    }
    for (HasMetadata location : context.resources(Velero.GROUP, "VolumeSnapshotLocation")) {
      ResourceRef ref = ResourceRef.of(location);
      JsonNode spec = Manifests.toTree(location).path("spec");
      String producer = context.producerOf(ref).orElse(name());
      List<Problem> own = new ArrayList<>(PluginConfigs.snapshotter(ref, spec.path("provider").asText(),
          spec.path("config")));
      LocationFields.snapshots(context, ref, spec, own);
      own.forEach(p -> problems.add(p.inComponent(producer)));
    }
    defaults.forEach((ns, locations) -> {
      if (locations.size() < 2) return;
      String listed = locations.stream().map(l -> "'" + l.getMetadata().getName() + "'")
          .collect(Collectors.joining(", "));
      problems.add(Problem.error(ResourceRef.of(locations.get(0)), "spec.default", "BackupStorageLocations " + listed
          + " of namespace " + ns + " are all marked default; Velero supports one default location per namespace"
          + " (velero backup-location set --default unmarks the others), so the spec cannot tell where backups and"
          + " schedules that name no location go", "mark one of " + listed + " default and leave the others"
          + " unmarked: defaultLocation(false), or no 'default: true' in their YAML").inComponent(name()));
    });
    return problems;
  }

  /**
   * Whether the location may name a bucket made in us-east-1 before March 2018: its region is that one or unset (the
   * plugin then asks S3 for the bucket's region), or it is an S3-compatible store, which may relax S3's rules.
   */
  private static boolean oldBucketPossible(JsonNode spec) {
    JsonNode config = spec.path("config");
    String region = config.path("region").asText("");
    return region.isEmpty() || region.equals("us-east-1") || !config.path("s3Url").asText("").isEmpty();
  }

  /**
   * The problem of a location's bucket, listing every rule it breaks; a warning for a name only an old AWS bucket
   * can have, where such a bucket is possible.
   */
  private static Optional<Problem> bucketProblem(ResourceRef ref, String bucket, boolean s3,
      boolean oldBucketPossible) {
    String wrong;
    String fix;
    if (bucket.isEmpty()) {
      wrong = "is empty or unset";
      fix = "give the name of the bucket to keep backups in";
    } else if (s3) {
      List<String> broken = BucketNames.violations(bucket);
      if (broken.isEmpty()) return Optional.empty();
      wrong = "'" + bucket + "' is not a valid S3 bucket name: it " + String.join("; it ", broken);
      fix = "name a bucket of " + BucketNames.MIN_LENGTH + " to " + BucketNames.MAX_LENGTH + " lowercase letters,"
          + " digits, dots and hyphens that begins and ends with a letter or digit, such as 'velero-backups'";
      if (oldBucketPossible && BucketNames.legacyName(bucket)) {
        return Optional.of(Problem.warning(ref, "spec.objectStorage.bucket", wrong + " for a new bucket; only"
            + " buckets made in us-east-1 before 1 March 2018 have such names (and stores that relax S3's rules"
            + " take them)", "keep the name only if the bucket is one of those; else " + fix));
      }
    } else if (bucket.contains("/")) {
      wrong = "'" + bucket + "' contains '/': Velero takes the bare bucket name";
      fix = "give the bare bucket name";
    } else {
      return Optional.empty();
    }
    if (bucket.contains("/")) fix += ", and put the folder into the prefix (prefix(...) or spec.objectStorage.prefix)";
    return Optional.of(Problem.error(ref, "spec.objectStorage.bucket", wrong, fix));
  }
}
