package dev.shipshape.backup;

/**
 * Whether Velero may write new backups to a storage location, or only read (restore from) it. Not {@code
 * AccessMode}, which spec scripts already import from {@code java.nio.file}.
 */
public enum LocationAccessMode {
  READ_WRITE("ReadWrite"),
  /** For restoring from another cluster's backups without ever writing to them. */
  READ_ONLY("ReadOnly");

  private final String value;

  LocationAccessMode(String value) {
    this.value = value;
  }

  /** The value Velero's API takes. */
  public String value() {
    return value;
  }
}
