package dev.shipshape.storage.drift;

import java.util.Locale;
import java.util.Set;

/**
 * The inventory files the built-in backends read.
 *
 * <ul>
 *   <li>{@link #OPENSTACK}: the output of {@code openstack volume list --long -f json} (keys {@code ID},
 *       {@code Name}, {@code Status}, {@code Size}, {@code Attached to} with each attachment's {@code server_id},
 *       {@code Properties}) and of {@code openstack volume snapshot list --long -f json} ({@code ID}, {@code Name},
 *       {@code Status}, {@code Size}, {@code Volume}); the driver is {@code cinder.csi.openstack.org}.
 *   <li>{@link #AWS}: the output of {@code aws ec2 describe-volumes} ({@code {"Volumes": [{"VolumeId", "Size",
 *       "State", "Attachments": [{"InstanceId", "State"}], "Tags": [{"Key", "Value"}]}]}}) and of
 *       {@code aws ec2 describe-snapshots --owner-ids self} ({@code {"Snapshots": [{"SnapshotId", "VolumeId",
 *       "VolumeSize", "State"}]}}); the driver is {@code ebs.csi.aws.com}.
 *   <li>{@link #GENERIC}: one JSON document for any backend:
 *       <pre>{@code
 * {"drivers": ["csi.example.com"],
 *  "volumes": [{"id": "v-1", "name": "data", "sizeGiB": 10, "state": "in-use",
 *               "attachedTo": ["instance-1"], "metadata": {"csi.storage.k8s.io/pv/name": "pvc-1"}}],
 *  "snapshots": [{"id": "s-1", "volumeId": "v-1", "sizeGiB": 10, "state": "available"}]}
 * }</pre>
 *       {@code drivers}, {@code volumes}, {@code id}, {@code sizeGiB} and {@code state} are required.
 * </ul>
 *
 * Volume and snapshot lists may come in separate files of the same format.
 */
public enum InventoryFormat {
  OPENSTACK("cinder.csi.openstack.org"),
  AWS("ebs.csi.aws.com"),
  GENERIC(null);

  private final String driver;

  InventoryFormat(String driver) {
    this.driver = driver;
  }

  /** The CSI driver of a provider's volumes; empty for the generic format, which names its own. */
  public Set<String> drivers() {
    return driver == null ? Set.of() : Set.of(driver);
  }

  /** Parses {@code openstack}, {@code aws} or {@code generic}, in any case. */
  public static InventoryFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown inventory format '" + text + "'; use openstack, aws or generic",
          e);
    }
  }
}
