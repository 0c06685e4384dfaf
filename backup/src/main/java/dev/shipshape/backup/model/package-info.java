/**
 * Typed fabric8 custom resources for Velero's {@code velero.io/v1} API: Schedule, Backup, Restore,
 * BackupStorageLocation and VolumeSnapshotLocation, with the parts of their spec and status that Shipshape writes
 * or reads. Fields mirror Velero's JSON names; unknown fields in what a cluster returns are ignored. Most users
 * never touch these types: the builders in {@code dev.shipshape.backup} produce them. Each names its plural
 * ({@code @Plural}): fabric8 otherwise derives it with regular expressions in every constructor, which planning a
 * thousand schedules paid for a thousand times.
 */
package dev.shipshape.backup.model;
