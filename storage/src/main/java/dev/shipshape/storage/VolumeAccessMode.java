package dev.shipshape.storage;

/**
 * The access modes of a claim
 * (<a href="https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes">Access modes</a>).
 */
public enum VolumeAccessMode {
  /** Read-write by the pods of one node. */
  READ_WRITE_ONCE("ReadWriteOnce"),
  /** Read-only by many nodes. */
  READ_ONLY_MANY("ReadOnlyMany"),
  /** Read-write by many nodes: needs a shared-file driver (NFS, CephFS, EFS, Manila…), not a block driver. */
  READ_WRITE_MANY("ReadWriteMany"),
  /** Read-write by a single pod; cannot be combined with another mode. */
  READ_WRITE_ONCE_POD("ReadWriteOncePod");

  private final String value;

  VolumeAccessMode(String value) {
    this.value = value;
  }

  /** The value in {@code accessModes}, such as {@code ReadWriteOnce}. */
  public String value() {
    return value;
  }
}
