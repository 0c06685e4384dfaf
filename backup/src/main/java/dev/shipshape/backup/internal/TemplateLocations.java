package dev.shipshape.backup.internal;

import dev.shipshape.backup.LocationAccessMode;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.BackupStorageLocation;
import dev.shipshape.backup.model.VolumeSnapshotLocation;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Velero's backup validation requires of the locations a backup template writes to, checked against the
 * locations of the spec (locations declared pre-existing are not known, so not checked): the storage location is
 * not {@code ReadOnly}, and at most one volume snapshot location is named per provider.
 */
final class TemplateLocations {
  private TemplateLocations() {}

  static void check(Template t, SpecContext context, List<Problem> problems) {
    ResourceRef ref = t.ref;
    String prefix = t.prefix;
    storage(t, context).filter(l -> LocationAccessMode.READ_ONLY.value().equals(l.getSpec().accessMode()))
        .ifPresent(l -> problems.add(Problem.error(ref, prefix + ".storageLocation", (t.storageLocation().isPresent()
            ? "names" : "is unset, so backups go to the default") + " BackupStorageLocation '"
            + l.getMetadata().getName() + "', which is ReadOnly: Velero fails the validation of every backup to it",
            "write to a ReadWrite location, or make '" + l.getMetadata().getName() + "' ReadWrite")));
    // Velero ignores the snapshot locations of a backup that takes no snapshots.
    if (t.snapshotVolumes().equals(Optional.of(false))) return;
    Map<String, Set<String>> byProvider = new LinkedHashMap<>();
    for (String name : t.volumeSnapshotLocations()) {
      context.find(Velero.ref("VolumeSnapshotLocation", t.veleroNamespace, name))
          .map(o -> Typed.as(o, VolumeSnapshotLocation.class)).filter(l -> l.getSpec() != null)
          .ifPresent(l -> byProvider.computeIfAbsent(l.getSpec().provider(), p -> new LinkedHashSet<>()).add(name));
    }
    byProvider.forEach((provider, names) -> {
      if (names.size() < 2) return;
      problems.add(Problem.error(ref, prefix + ".volumeSnapshotLocations", "names VolumeSnapshotLocations " + names
          + " of the same provider '" + provider + "'; Velero takes one per provider and fails the validation of"
          + " the backup", "keep one of " + names + ", and snapshot into the others from another schedule"));
    });
  }

  /** The location the template writes to: the one it names, or the spec's default one of its namespace. */
  private static Optional<BackupStorageLocation> storage(Template t, SpecContext context) {
    if (t.storageLocation().isPresent()) {
      return context.find(Velero.ref("BackupStorageLocation", t.veleroNamespace, t.storageLocation().get()))
          .map(o -> Typed.as(o, BackupStorageLocation.class)).filter(l -> l.getSpec() != null);
    }
    return context.resources(Velero.GROUP, "BackupStorageLocation").stream()
        .filter(o -> t.veleroNamespace.equals(o.getMetadata().getNamespace()))
        .map(o -> Typed.as(o, BackupStorageLocation.class))
        .filter(l -> l.getSpec() != null && Boolean.TRUE.equals(l.getSpec().isDefault())).findFirst();
  }
}
