package dev.shipshape.backup;

/** The outcome of one check. */
public enum FindingStatus {
  PASS,
  /** Works, but likely wrong or about to break. */
  WARN,
  /** Backups or restores will not work as intended until this is fixed. */
  FAIL
}
