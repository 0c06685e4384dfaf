package dev.shipshape.storage;

/** What happens to the backend snapshot when its VolumeSnapshot (and VolumeSnapshotContent) is deleted. */
public enum SnapshotDeletionPolicy {
  /** The backend snapshot is deleted with the VolumeSnapshotContent. */
  DELETE("Delete"),
  /** The backend snapshot is kept: it survives the cluster, and stays billed until deleted in the backend. */
  RETAIN("Retain");

  private final String value;

  SnapshotDeletionPolicy(String value) {
    this.value = value;
  }

  /** The value of {@code deletionPolicy}. */
  public String value() {
    return value;
  }
}
