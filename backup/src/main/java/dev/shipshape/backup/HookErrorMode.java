package dev.shipshape.backup;

/** What Velero does when a hook fails. Velero's default is {@link #FAIL} for pre hooks run by exec. */
public enum HookErrorMode {
  /** Log the error and go on with the backup. */
  CONTINUE("Continue"),
  /** Mark the backup as partially failed (for a pre hook, the pod's volumes are not backed up). */
  FAIL("Fail");

  private final String value;

  HookErrorMode(String value) {
    this.value = value;
  }

  /** The value Velero's API and annotations take. */
  public String value() {
    return value;
  }
}
