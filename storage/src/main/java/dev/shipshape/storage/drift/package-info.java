/**
 * Drift between Kubernetes and the storage backend: {@link dev.shipshape.storage.drift.StorageDriftDetector} reads
 * the cluster's storage objects (read-only) and a backend's inventory through the
 * {@link dev.shipshape.storage.drift.StorageBackend} SPI, and reports orphaned and missing volumes, leaks, stuck
 * objects, attachment and size mismatches as findings with a remediation plan that it never runs.
 */
package dev.shipshape.storage.drift;
