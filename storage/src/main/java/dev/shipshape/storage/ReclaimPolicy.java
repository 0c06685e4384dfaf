package dev.shipshape.storage;

/**
 * What happens to a dynamically provisioned volume when its claim is deleted
 * (<a href="https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming">Reclaiming</a>).
 */
public enum ReclaimPolicy {
  /**
   * The PersistentVolume and the backend volume are deleted with the claim: no leak, but deleting a claim by
   * mistake deletes the data. The Kubernetes default.
   */
  DELETE("Delete"),
  /**
   * The PersistentVolume becomes {@code Released} and the backend volume is kept: data survives a deleted claim,
   * but every such volume stays billed until someone deletes it (the drift detector reports them).
   */
  RETAIN("Retain");

  private final String value;

  ReclaimPolicy(String value) {
    this.value = value;
  }

  /** The value of {@code reclaimPolicy}, such as {@code Delete}. */
  public String value() {
    return value;
  }
}
