/**
 * Checks of a live cluster before trusting its backups: {@link dev.shipshape.backup.preflight.VeleroPreflight}
 * (Velero's CRDs, Deployment, storage locations and the freshness of each schedule's backups) and
 * {@link dev.shipshape.backup.preflight.S3Probe} (the bucket exists and the credentials can list, write and delete
 * under the prefix).
 */
package dev.shipshape.backup.preflight;
