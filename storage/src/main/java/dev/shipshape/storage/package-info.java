/**
 * CSI storage as components: {@link dev.shipshape.storage.StorageClassSpec},
 * {@link dev.shipshape.storage.VolumeSnapshotClassSpec}, on-demand {@link dev.shipshape.storage.VolumeSnapshotSpec}s
 * and {@link dev.shipshape.storage.VolumeClaimSpec}s for the spec's workloads. Drift between Kubernetes and the
 * storage backend is in {@code dev.shipshape.storage.drift}.
 */
package dev.shipshape.storage;
