package dev.shipshape.storage;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.storage.internal.ClaimChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A PersistentVolumeClaim for the spec's workloads: size, access modes and class. As a component it compiles to
 * a claim in its namespace; {@link #template()} gives the same claim as a StatefulSet
 * {@code volumeClaimTemplates} entry.
 *
 * <pre>{@code
 * VolumeClaimSpec.builder().namespace("shop").name("orders-db").size("20Gi")
 *     .storageClass("csi-cinder-high-speed").build();
 * }</pre>
 *
 * <p>A claim may start with data: {@link Builder#restoreFrom(VolumeSnapshotSpec)} a snapshot,
 * {@link Builder#cloneFrom(VolumeClaimSpec)} another claim, or {@link Builder#dataSource(VolumeDataSource)} any
 * source, a volume populator's included (see {@link VolumeDataSource}). A source of the spec given as a component
 * is applied, and ready, before the claim; a clone of a claim that a StatefulSet of the spec creates
 * ({@link Builder#cloneFromStatefulSetClaim}) is applied after that StatefulSet, once its controller has made that
 * claim and it is Bound (not once every pod of the StatefulSet is ready; under the default podManagementPolicy
 * OrderedReady the controller makes an ordinal's claim only once the pods before it are Ready), and a clone of a
 * claim of a StatefulSet declared pre-existing ({@link Builder#cloneFromPreExistingStatefulSetClaim}) is not
 * ordered. A claim's source cannot be changed once the claim exists.
 *
 * <p>Validation: the size is a positive Kubernetes quantity; ReadWriteOncePod stands alone; the class is in the
 * spec or declared pre-existing (by the planner's reference checks); without a class the spec should declare a
 * default class; a StorageClassSpec that lists its driver's access modes rejects claims asking for others. A data
 * source is checked as {@link VolumeDataSource} says; it must be in the spec or declared pre-existing, and where
 * the spec holds it, a clone keeps its source's StorageClass and volume mode, a restore or clone asks for at least
 * the source's size, and a restored snapshot's class is of the claim's provisioner. A claim of a StatefulSet is one
 * of its pods' claims, and the StatefulSet the source names is in the spec, or declared pre-existing for
 * {@link Builder#cloneFromPreExistingStatefulSetClaim} (whose template and ordinal then cannot be checked: a
 * warning).
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VolumeClaimSpec implements Component {

  /** The claim's name, set with {@link Builder#name}. */
  public abstract String claimName();

  public abstract String namespace();

  /**
   * The component name, {@code claim <namespace>/<claim>} such as {@code claim shop/orders-db}: unique for each
   * claim, so that claims of the same name in other namespaces, or a snapshot named like the claim, are other
   * components of the spec.
   */
  @Override
  public String name() {
    return "claim " + namespace() + "/" + claimName();
  }

  /** The requested size, a Kubernetes quantity such as {@code 20Gi}. */
  public abstract String size();

  /** By default, ReadWriteOnce. */
  public abstract List<VolumeAccessMode> accessModes();

  /**
   * The StorageClass; by default none is named, and the cluster's default class provisions the volume. An empty
   * name asks for a pre-provisioned PersistentVolume without class.
   */
  public abstract Optional<String> storageClass();

  /** A raw block device instead of a file system. By default, false. */
  @Value.Default
  public boolean block() {
    return false;
  }

  public abstract Map<String, String> labels();

  /** Where the volume's data comes from; by default none, an empty volume. */
  public abstract Optional<VolumeDataSource> dataSource();

  public static Builder builder() {
    return ImmutableVolumeClaimSpec.builder();
  }

  /** The reference of the compiled claim. */
  public ResourceRef ref() {
    return ResourceRef.core("PersistentVolumeClaim", namespace(), claimName());
  }

  /** The effective access modes: the ones given, or ReadWriteOnce. */
  public List<VolumeAccessMode> effectiveAccessModes() {
    return accessModes().isEmpty() ? List.of(VolumeAccessMode.READ_WRITE_ONCE) : accessModes();
  }

  /** The source of the spec that the claim waits for, ready, when it was given as a component. */
  @Override
  public List<ResourceRef> dependsOn() {
    return dataSource().filter(VolumeDataSource::awaited).map(d -> d.ref(namespace())).stream()
        .collect(Collectors.toList());
  }

  /**
   * The claim that a StatefulSet of the spec makes and whose data this claim gets ({@link
   * VolumeDataSource#awaitedClaim}), Bound: a {@linkplain VolumeDataSource#statefulSetClaim claim of a StatefulSet}
   * cloned, or the claim of a snapshot of such a claim restored. The claim comes after the StatefulSet once applied
   * (the dependency wins over the planner's rule that applies the claims of a namespace before its pods: this claim
   * alone comes after it) and is gated on that claim Bound, not on the StatefulSet ready. A pre-existing StatefulSet
   * is not part of the plan, so nothing waits for it.
   */
  @Override
  public List<ControllerObject> awaits() {
    return dataSource().flatMap(d -> d.awaitedClaim(namespace())).stream().collect(Collectors.toList());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    PersistentVolumeClaim claim = template();
    claim.getMetadata().setNamespace(namespace());
    return List.of(claim);
  }

  /** The claim without namespace, for a StatefulSet's {@code volumeClaimTemplates}; a fresh object every call. */
  public PersistentVolumeClaim template() {
    return new PersistentVolumeClaimBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(claimName()).withLabels(labels().isEmpty() ? null : labels())
            .build())
        .withNewSpec()
        .withAccessModes(effectiveAccessModes().stream().map(VolumeAccessMode::value).collect(Collectors.toList()))
        .withStorageClassName(storageClass().orElse(null))
        .withVolumeMode(block() ? "Block" : null)
        .withDataSourceRef(dataSource().map(d -> d.toReference(namespace())).orElse(null))
        .withNewResources().addToRequests("storage", new Quantity(size())).endResources()
        .endSpec()
        .build();
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return ClaimChecks.check(this, context);
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = ClaimChecks.checkValue(this);
    if (!problems.isEmpty()) {
      throw new SpecValidationException("VolumeClaimSpec " + namespace() + "/" + claimName(), problems);
    }
  }

  /** Builds {@link VolumeClaimSpec}s; name, namespace and size are required. */
  public sealed interface Builder permits ImmutableVolumeClaimSpec.Builder {
    /** Starts from every value of {@code existing}, to derive a variant. */
    Builder from(VolumeClaimSpec existing);

    /** The claim's name. */
    default Builder name(String name) {
      return ((ImmutableVolumeClaimSpec.Builder) this).claimName(name);
    }

    Builder namespace(String namespace);

    Builder size(String size);

    Builder addAccessModes(VolumeAccessMode... modes);

    Builder storageClass(String storageClass);

    /** The class of this StorageClassSpec. */
    default Builder storageClass(StorageClassSpec storageClass) {
      return storageClass(storageClass.className());
    }

    Builder block(boolean block);

    Builder putLabels(String key, String value);

    Builder dataSource(VolumeDataSource dataSource);

    /** Restores this snapshot of the spec; the claim is applied once the snapshot is ready to use. */
    default Builder restoreFrom(VolumeSnapshotSpec snapshot) {
      return dataSource(VolumeDataSource.snapshot(snapshot));
    }

    /** Restores a VolumeSnapshot of the claim's namespace by name, such as one that already exists. */
    default Builder restoreFromSnapshot(String snapshotName) {
      return dataSource(VolumeDataSource.snapshot(snapshotName));
    }

    /** Clones this claim of the spec; the new claim is applied once the source is Bound. */
    default Builder cloneFrom(VolumeClaimSpec claim) {
      return dataSource(VolumeDataSource.claim(claim));
    }

    /**
     * Clones a claim of the claim's namespace by name, such as a pre-existing one; a claim of the spec is not
     * awaited, and neither is one that a StatefulSet of the spec creates ({@code data-db-0}): the planner applies
     * the claims of a namespace before its StatefulSets, and the provisioner retries until the source is Bound. Use
     * {@link #cloneFromStatefulSetClaim} for such a claim.
     */
    default Builder cloneFromClaim(String claimName) {
      return dataSource(VolumeDataSource.claim(claimName));
    }

    /**
     * Clones the claim that StatefulSet {@code statefulSet} of the spec, in the claim's namespace, creates from its
     * claim template {@code template} for its pod of ordinal {@code ordinal}, such as {@code data-db-0} for
     * {@code ("db", "data", 0)}; the new claim is applied after the StatefulSet, once its controller has made that
     * claim and it is Bound. See {@link VolumeDataSource#statefulSetClaim}.
     */
    default Builder cloneFromStatefulSetClaim(String statefulSet, String template, int ordinal) {
      return dataSource(VolumeDataSource.statefulSetClaim(statefulSet, template, ordinal));
    }

    /**
     * Clones the claim that StatefulSet {@code statefulSet}, running on the cluster and declared pre-existing in
     * the claim's namespace, created from its claim template {@code template} for its pod of ordinal
     * {@code ordinal}, such as {@code data-db-0} for {@code ("db", "data", 0)}; the new claim is not ordered, and
     * the provisioner retries until the source is Bound. See {@link VolumeDataSource#preExistingStatefulSetClaim}.
     */
    default Builder cloneFromPreExistingStatefulSetClaim(String statefulSet, String template, int ordinal) {
      return dataSource(VolumeDataSource.preExistingStatefulSetClaim(statefulSet, template, ordinal));
    }

    VolumeClaimSpec build();
  }
}
