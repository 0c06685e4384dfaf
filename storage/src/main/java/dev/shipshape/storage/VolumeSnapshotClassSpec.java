package dev.shipshape.storage;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.storage.internal.SnapshotClassChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotClassBuilder;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}, from the CSI external-snapshotter): how a CSI driver
 * takes snapshots of its volumes.
 *
 * <pre>{@code
 * VolumeSnapshotClassSpec.builder().name("csi-cinder-snapclass").driver("cinder.csi.openstack.org")
 *     .deletionPolicy(SnapshotDeletionPolicy.DELETE).putParameters("force-create", "true")
 *     .veleroCsiSnapshotClass(true).build();
 * }</pre>
 *
 * <p>The VolumeSnapshotClass kind exists only where the snapshot CRDs are installed; put them in the spec (the
 * planner then waits for them to be established) or declare them pre-existing ({@code preExistingResource}),
 * installed with the snapshot controller; planning warns otherwise.
 *
 * <p>{@link #veleroCsiSnapshotClass()} adds the label {@value #VELERO_CSI_CLASS_LABEL}{@code : "true"} by which
 * Velero's CSI support picks the class for the volumes of {@link #driver()}; the backup checks warn when a
 * schedule covers claims whose driver has no such class. Validation: at most one default class and at most one
 * Velero class per driver.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VolumeSnapshotClassSpec implements Component {
  /** The annotation that marks a driver's default VolumeSnapshotClass. */
  public static final String DEFAULT_CLASS_ANNOTATION = "snapshot.storage.kubernetes.io/is-default-class";
  /** The label by which Velero picks a driver's VolumeSnapshotClass for CSI snapshots. */
  public static final String VELERO_CSI_CLASS_LABEL = "velero.io/csi-volumesnapshot-class";

  /** The VolumeSnapshotClass's name, set with {@link Builder#name}. */
  public abstract String className();

  /**
   * The component name, {@code snapshot-class <class>} such as {@code snapshot-class csi-cinder-snapclass}: a
   * StorageClass, or another module's component, named like the class is another component of the spec.
   */
  @Override
  public String name() {
    return "snapshot-class " + className();
  }

  /** The CSI driver that takes the snapshots, such as {@code cinder.csi.openstack.org}. */
  public abstract String driver();

  /** By default, {@link SnapshotDeletionPolicy#DELETE}. */
  @Value.Default
  public SnapshotDeletionPolicy deletionPolicy() {
    return SnapshotDeletionPolicy.DELETE;
  }

  /** Driver parameters, passed as they are. */
  public abstract Map<String, String> parameters();

  /** Marks this class as the default of its driver. By default, false. */
  @Value.Default
  public boolean defaultClass() {
    return false;
  }

  /** Labels the class for Velero's CSI snapshots of the driver's volumes. By default, false. */
  @Value.Default
  public boolean veleroCsiSnapshotClass() {
    return false;
  }

  public static Builder builder() {
    return ImmutableVolumeSnapshotClassSpec.builder();
  }

  /** The reference of the compiled VolumeSnapshotClass. */
  public ResourceRef ref() {
    return ResourceRef.clusterScoped(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass", className());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of(new VolumeSnapshotClassBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(className())
            .withAnnotations(defaultClass() ? Map.of(DEFAULT_CLASS_ANNOTATION, "true") : null)
            .withLabels(veleroCsiSnapshotClass() ? Map.of(VELERO_CSI_CLASS_LABEL, "true") : null)
            .build())
        .withDriver(driver())
        .withDeletionPolicy(deletionPolicy().value())
        .withParameters(parameters().isEmpty() ? null : parameters())
        .build());
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(RequiredCrd.of(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass", "volumesnapshotclasses", "v1"));
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return SnapshotClassChecks.check(this, context);
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = SnapshotClassChecks.checkValue(this);
    if (!problems.isEmpty()) throw new SpecValidationException("VolumeSnapshotClassSpec " + className(), problems);
  }

  /**
   * Builds {@link VolumeSnapshotClassSpec}s; name and driver are required (a missing name is reported as
   * className).
   */
  public sealed interface Builder permits ImmutableVolumeSnapshotClassSpec.Builder {
    /** Starts from every value of {@code existing}, to derive a variant. */
    Builder from(VolumeSnapshotClassSpec existing);

    /** The VolumeSnapshotClass's name. */
    default Builder name(String name) {
      return ((ImmutableVolumeSnapshotClassSpec.Builder) this).className(name);
    }

    Builder driver(String driver);

    Builder deletionPolicy(SnapshotDeletionPolicy deletionPolicy);

    Builder putParameters(String key, String value);

    Builder putAllParameters(Map<String, ? extends String> parameters);

    Builder defaultClass(boolean defaultClass);

    Builder veleroCsiSnapshotClass(boolean veleroCsiSnapshotClass);

    VolumeSnapshotClassSpec build();
  }
}
