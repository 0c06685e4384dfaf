package dev.shipshape.storage;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.storage.internal.StorageClassChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.TopologySelectorTermBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A CSI StorageClass ({@code storage.k8s.io/v1}): which driver provisions the volumes of its claims, with which
 * parameters, and what happens to them later.
 *
 * <pre>{@code
 * StorageClassSpec.builder().name("csi-cinder-high-speed").provisioner("cinder.csi.openstack.org")
 *     .putParameters("type", "high-speed").reclaimPolicy(ReclaimPolicy.RETAIN)
 *     .volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER).allowVolumeExpansion(true)
 *     .defaultClass(true).addSupportedAccessModes(VolumeAccessMode.READ_WRITE_ONCE)
 *     .build();
 * }</pre>
 *
 * <p><b>Reclaim policy.</b> {@link ReclaimPolicy#DELETE} (the default) deletes the backend volume with its claim:
 * nothing leaks, but a claim deleted by mistake takes its data along. {@link ReclaimPolicy#RETAIN} keeps the
 * volume as a {@code Released} PersistentVolume: the data survives, and every such volume stays billed until
 * someone deletes it by hand ({@code StorageDriftDetector} lists them). Choose Retain for data you cannot
 * restore from a backup.
 *
 * <p><b>Binding mode.</b> By default {@link VolumeBindingMode#IMMEDIATE}, as in Kubernetes. For drivers whose
 * volumes live in one zone, {@link VolumeBindingMode#WAIT_FOR_FIRST_CONSUMER} provisions the volume where the pod
 * is scheduled; validation warns when a topology-aware driver keeps Immediate.
 *
 * <p><b>Changes.</b> The provisioner, parameters, reclaim policy and binding mode of an existing class cannot be
 * updated: the API server refuses, and the apply stops before its first write. Delete the class and apply again;
 * volumes provisioned before keep their settings.
 *
 * <p>Validation: at most one default class in the whole spec (raw manifests included); claims of this class
 * (PersistentVolumeClaims and StatefulSet {@code volumeClaimTemplates}) asking for an access mode that
 * {@link #supportedAccessModes()} leaves out are errors.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class StorageClassSpec implements Component {
  /** The annotation that marks the cluster's default StorageClass. */
  public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

  /** The StorageClass's name, set with {@link Builder#name}. */
  public abstract String className();

  /**
   * The component name, {@code storage-class <class>} such as {@code storage-class csi-cinder-high-speed}: a
   * VolumeSnapshotClass, or another module's component, named like the class is another component of the spec.
   */
  @Override
  public String name() {
    return "storage-class " + className();
  }

  /**
   * The provisioner: a CSI driver name, such as {@code cinder.csi.openstack.org} or {@code ebs.csi.aws.com}, or
   * another provisioner, such as {@code kubernetes.io/no-provisioner} for pre-provisioned local volumes.
   */
  public abstract String provisioner();

  /** Driver parameters, such as {@code type: high-speed}; passed to the driver as they are. */
  public abstract Map<String, String> parameters();

  /** By default, {@link ReclaimPolicy#DELETE}. */
  @Value.Default
  public ReclaimPolicy reclaimPolicy() {
    return ReclaimPolicy.DELETE;
  }

  /** By default, {@link VolumeBindingMode#IMMEDIATE}. */
  @Value.Default
  public VolumeBindingMode volumeBindingMode() {
    return VolumeBindingMode.IMMEDIATE;
  }

  /** Whether claims may grow; by default unset (Kubernetes then refuses expansion). */
  public abstract Optional<Boolean> allowVolumeExpansion();

  public abstract List<String> mountOptions();

  /** Where volumes may be provisioned: topology label key to allowed values, all in one selector term. */
  public abstract Map<String, List<String>> allowedTopologies();

  /** Marks this class as the cluster's default (annotation {@value #DEFAULT_CLASS_ANNOTATION}). */
  @Value.Default
  public boolean defaultClass() {
    return false;
  }

  /**
   * The access modes the driver supports, such as only ReadWriteOnce for a block driver; claims of this class
   * asking for another mode are errors. By default, empty: unknown, not checked.
   */
  public abstract Set<VolumeAccessMode> supportedAccessModes();

  /**
   * Whether the driver's volumes are bound to a zone. By default, true for the zonal block drivers Shipshape
   * knows (Cinder, EBS, GCE PD, Azure Disk) and when {@link #allowedTopologies()} is set.
   */
  @Value.Default
  public boolean topologyAware() {
    return StorageClassChecks.isZonalDriver(provisioner()) || !allowedTopologies().isEmpty();
  }

  public static Builder builder() {
    return ImmutableStorageClassSpec.builder();
  }

  /** The reference of the compiled StorageClass. */
  public ResourceRef ref() {
    return ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", className());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    StorageClassBuilder storageClass = new StorageClassBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(className())
            .withAnnotations(defaultClass() ? Map.of(DEFAULT_CLASS_ANNOTATION, "true") : null).build())
        .withProvisioner(provisioner())
        .withParameters(parameters().isEmpty() ? null : parameters())
        .withReclaimPolicy(reclaimPolicy().value())
        .withVolumeBindingMode(volumeBindingMode().value())
        .withAllowVolumeExpansion(allowVolumeExpansion().orElse(null))
        .withMountOptions(mountOptions().isEmpty() ? null : mountOptions());
    if (!allowedTopologies().isEmpty()) {
      TopologySelectorTermBuilder term = new TopologySelectorTermBuilder();
      allowedTopologies().forEach((key, values) ->
          term.addNewMatchLabelExpression().withKey(key).withValues(values).endMatchLabelExpression());
      storageClass.withAllowedTopologies(term.build());
    }
    return List.of(storageClass.build());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return StorageClassChecks.check(this, context);
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>(StorageClassChecks.checkValue(this));
    if (!problems.isEmpty()) throw new SpecValidationException("StorageClassSpec " + className(), problems);
  }

  /** Builds {@link StorageClassSpec}s; name and provisioner are required (a missing name is reported as className). */
  public sealed interface Builder permits ImmutableStorageClassSpec.Builder {
    /** Starts from every value of {@code existing}, to derive a variant. */
    Builder from(StorageClassSpec existing);

    /** The StorageClass's name. */
    default Builder name(String name) {
      return ((ImmutableStorageClassSpec.Builder) this).className(name);
    }

    Builder provisioner(String provisioner);

    Builder putParameters(String key, String value);

    Builder putAllParameters(Map<String, ? extends String> parameters);

    Builder reclaimPolicy(ReclaimPolicy reclaimPolicy);

    Builder volumeBindingMode(VolumeBindingMode volumeBindingMode);

    Builder allowVolumeExpansion(boolean allowVolumeExpansion);

    Builder addMountOptions(String... mountOptions);

    Builder putAllowedTopologies(String key, List<String> values);

    /** Allows provisioning only where topology label {@code key} has one of {@code values}. */
    default Builder allowedTopology(String key, String... values) {
      return putAllowedTopologies(key, List.of(values));
    }

    Builder defaultClass(boolean defaultClass);

    Builder addSupportedAccessModes(VolumeAccessMode... modes);

    Builder topologyAware(boolean topologyAware);

    StorageClassSpec build();
  }
}
