package dev.shipshape.backup;

/** What a restore does with an object that already exists in the cluster. */
public enum ExistingResourcePolicy {
  /** Leave it as it is and report a warning (Velero's default). */
  NONE("none"),
  /** Try to update it to the backed-up content. */
  UPDATE("update");

  private final String value;

  ExistingResourcePolicy(String value) {
    this.value = value;
  }

  /** The value Velero's API takes. */
  public String value() {
    return value;
  }
}
