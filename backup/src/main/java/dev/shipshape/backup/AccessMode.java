package dev.shipshape.backup;

/** Whether Velero may write new backups to a storage location, or only read (restore from) it. */
public enum AccessMode {
  READ_WRITE("ReadWrite"),
  /** For restoring from another cluster's backups without ever writing to them. */
  READ_ONLY("ReadOnly");

  private final String value;

  AccessMode(String value) {
    this.value = value;
  }

  /** The value Velero's API takes. */
  public String value() {
    return value;
  }
}
