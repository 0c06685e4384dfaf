/**
 * Velero backups as part of a {@code ClusterSpec}: typed, validated storage locations, schedules, on-demand
 * backups and restores, backup hooks, and checks of the spec ({@link dev.shipshape.backup.BackupChecks}) and of a
 * live cluster ({@link dev.shipshape.backup.preflight.VeleroPreflight}).
 *
 * <p>Every Velero object lives in the Velero namespace ({@code velero} by default). When the spec also installs
 * Velero's CRDs, the planner applies these objects after the CRDs are established.
 */
package dev.shipshape.backup;
