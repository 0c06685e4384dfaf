package dev.shipshape.storage;

/**
 * When a claim of a StorageClass is bound and provisioned
 * (<a href="https://kubernetes.io/docs/concepts/storage/storage-classes/#volume-binding-mode">Volume binding
 * mode</a>).
 */
public enum VolumeBindingMode {
  /** As soon as the claim is created, wherever the driver chooses. The Kubernetes default. */
  IMMEDIATE("Immediate"),
  /**
   * When the first pod using the claim is scheduled, in that pod's zone: the right mode for drivers whose volumes
   * live in one zone (Cinder, EBS, GCE PD, Azure Disk), else a pod may land where its volume cannot attach.
   */
  WAIT_FOR_FIRST_CONSUMER("WaitForFirstConsumer");

  private final String value;

  VolumeBindingMode(String value) {
    this.value = value;
  }

  /** The value of {@code volumeBindingMode}. */
  public String value() {
    return value;
  }
}
