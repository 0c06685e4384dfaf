package dev.shipshape.storage;

import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.StatefulSetClaims;
import dev.shipshape.core.readiness.Conditions;
import io.fabric8.kubernetes.api.model.TypedObjectReference;
import io.fabric8.kubernetes.api.model.TypedObjectReferenceBuilder;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a new claim's data comes from: a VolumeSnapshot to restore, a claim to clone, or an object of a volume
 * populator. Compiles to the claim's {@code spec.dataSourceRef}, which the API server copies to
 * {@code spec.dataSource} for snapshots and claims.
 *
 * <pre>{@code
 * VolumeClaimSpec.builder().namespace("shop").name("orders-db-restored").size("20Gi")
 *     .storageClass(highSpeed).restoreFrom(beforeMigration).build();
 * }</pre>
 *
 * <p>A source given as a component of the spec ({@link #snapshot(VolumeSnapshotSpec)},
 * {@link #claim(VolumeClaimSpec)}) is {@linkplain #awaited() awaited}: the claim is applied only once the snapshot
 * is ready to use, or the source claim is Bound. A source given by name is not ordered: it may be pre-existing.
 * A claim that a StatefulSet of the spec creates for one of its pods, given by {@link #statefulSetClaim}, or a
 * snapshot of the spec of such a claim, names its {@linkplain #statefulSet() StatefulSet}: the new claim is applied
 * after that StatefulSet, once the StatefulSet controller has made that claim and it is Bound
 * ({@link #awaitedClaim}), not once the StatefulSet is ready. The controller makes a pod's claims just before the
 * pod: with {@code spec.podManagementPolicy: Parallel} those of every ordinal at once, under the default
 * {@code OrderedReady} those of an ordinal only once every pod before it is Running and Ready (a warning for an
 * ordinal above {@code spec.ordinals.start}). A claim of a StatefulSet that already
 * runs on the cluster, declared pre-existing rather than in the spec, is given by {@link #preExistingStatefulSetClaim}:
 * nothing of the plan stands for it, so the claim is not ordered and the provisioner retries until the source is
 * Bound.
 *
 * <p>Validated with the claim that names it, as the API server validates it: a claim is of the core group
 * (written as no group), a VolumeSnapshot of
 * {@value VolumeSnapshotSpec#GROUP}, any other kind of a named group (a populator's). The server rejects another
 * kind without group, keeps a group that names no API (such as {@code v1}), whose source the provisioner then reads
 * as a populator's object, leaving the claim Pending, and silently drops a source in another namespace without the
 * {@code CrossNamespaceVolumeDataSource} feature gate, creating an empty volume: these are rejected or warned about
 * before the claim is written.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VolumeDataSource {
  /** The kind of a claim to clone. */
  public static final String CLAIM = "PersistentVolumeClaim";
  /** The kind of a snapshot to restore. */
  public static final String SNAPSHOT = "VolumeSnapshot";

  /** The API group; empty for the core group (a claim). */
  @Value.Default
  public String apiGroup() {
    return "";
  }

  public abstract String kind();

  public abstract String name();

  /**
   * The source's namespace when it is not the claim's: needs the alpha feature gate
   * {@code CrossNamespaceVolumeDataSource} and a ReferenceGrant in the source's namespace. By default, the claim's.
   */
  public abstract Optional<String> namespace();

  /** Whether the claim waits for the source, a component of the spec, to be ready. By default, false. */
  @Value.Default
  public boolean awaited() {
    return false;
  }

  /**
   * The StatefulSet of the source's namespace whose pods get the cloned claim, or the snapshotted one, from a claim
   * template: the claim is applied after that StatefulSet, a part of the spec, once the claim it makes is Bound,
   * unless it is {@linkplain #statefulSetPreExisting() pre-existing}. By default, none.
   */
  public abstract Optional<String> statefulSet();

  /**
   * For a snapshot of the spec ({@link #snapshot(VolumeSnapshotSpec)}), the claim it is taken of, in the source's
   * namespace: the claim of the {@linkplain #statefulSet() StatefulSet} that a restore waits for. By default, none.
   */
  public abstract Optional<String> snapshotClaim();

  /**
   * Whether the {@linkplain #statefulSet() StatefulSet} runs on the cluster already, declared pre-existing rather
   * than in the spec: the claim does not wait for it. By default, false.
   */
  @Value.Default
  public boolean statefulSetPreExisting() {
    return false;
  }

  public static Builder builder() {
    return ImmutableVolumeDataSource.builder();
  }

  /** A VolumeSnapshot of the claim's namespace, by name: a pre-existing one, or one the claim need not wait for. */
  public static VolumeDataSource snapshot(String name) {
    return builder().apiGroup(VolumeSnapshotSpec.GROUP).kind(SNAPSHOT).name(name).build();
  }

  /**
   * A VolumeSnapshot of the spec: the claim is applied once it is ready to use (and, for a snapshot of a claim of a
   * StatefulSet of the spec, after that StatefulSet, as the snapshot itself).
   */
  public static VolumeDataSource snapshot(VolumeSnapshotSpec snapshot) {
    return ImmutableVolumeDataSource.builder().apiGroup(VolumeSnapshotSpec.GROUP).kind(SNAPSHOT)
        .name(snapshot.snapshotName()).namespace(snapshot.namespace()).awaited(true)
        .statefulSet(snapshot.statefulSet()).statefulSetPreExisting(snapshot.statefulSetPreExisting())
        .snapshotClaim(snapshot.claim()).build();
  }

  /** A claim of the claim's namespace to clone, by name. */
  public static VolumeDataSource claim(String name) {
    return builder().kind(CLAIM).name(name).build();
  }

  /** A claim of the spec to clone: the new claim is applied once the source is Bound. */
  public static VolumeDataSource claim(VolumeClaimSpec claim) {
    return builder().kind(CLAIM).name(claim.claimName()).namespace(claim.namespace()).awaited(true).build();
  }

  /**
   * The claim that StatefulSet {@code statefulSet} of the claim's namespace creates from its claim template
   * {@code template} for its pod of ordinal {@code ordinal}, {@code <template>-<statefulSet>-<ordinal>} such as
   * {@code data-db-0} for {@code statefulSetClaim("db", "data", 0)}: the new claim is applied after the
   * StatefulSet, a part of the spec, once the StatefulSet controller has made that claim and it is Bound (not once
   * the StatefulSet is ready; under the default podManagementPolicy OrderedReady, though, the controller makes the
   * claim of an ordinal only once every pod before it is Running and Ready).
   */
  public static VolumeDataSource statefulSetClaim(String statefulSet, String template, int ordinal) {
    return ImmutableVolumeDataSource.builder().kind(CLAIM).name(StatefulSetClaims.name(template, statefulSet, ordinal))
        .statefulSet(statefulSet).build();
  }

  /**
   * The claim that StatefulSet {@code statefulSet} of the claim's namespace, running on the cluster and declared
   * pre-existing ({@code preExistingResource(ResourceRef.namespaced("apps", "StatefulSet", namespace, name))}),
   * created from its claim template {@code template} for its pod of ordinal {@code ordinal}, named as by
   * {@link #statefulSetClaim}. The new claim is not ordered: the provisioner retries until the source is Bound.
   * Without the StatefulSet's definition, its templates and ordinals cannot be checked (a warning).
   */
  public static VolumeDataSource preExistingStatefulSetClaim(String statefulSet, String template, int ordinal) {
    return ImmutableVolumeDataSource.builder().from(statefulSetClaim(statefulSet, template, ordinal))
        .statefulSetPreExisting(true).build();
  }

  /** An object of a volume populator, such as {@code populator("hello.example.com", "Hello", "greeting")}. */
  public static VolumeDataSource populator(String apiGroup, String kind, String name) {
    return builder().apiGroup(apiGroup).kind(kind).name(name).build();
  }

  /** The source's reference, in {@code claimNamespace} unless it names its own namespace. */
  public ResourceRef ref(String claimNamespace) {
    return ResourceRef.namespaced(apiGroup(), kind(), namespace().orElse(claimNamespace), name());
  }

  /**
   * The StatefulSet whose pods get the source claim, in the source's namespace ({@code claimNamespace} unless it
   * names one).
   */
  public Optional<ResourceRef> statefulSetRef(String claimNamespace) {
    return statefulSet().map(set -> ResourceRef.namespaced("apps", "StatefulSet", namespace().orElse(claimNamespace),
        set));
  }

  /**
   * The claim of the {@linkplain #statefulSet() StatefulSet} of the spec that a claim in {@code claimNamespace}
   * waits for, Bound, made from the StatefulSet by its controller: the source itself, or the claim a snapshot of the
   * spec is taken of. Empty without a StatefulSet, or for one declared pre-existing, which is not awaited.
   */
  public Optional<ControllerObject> awaitedClaim(String claimNamespace) {
    if (statefulSetPreExisting()) return Optional.empty();
    Optional<String> claim = kind().equals(SNAPSHOT) ? snapshotClaim() : Optional.of(name());
    return statefulSetRef(claimNamespace).flatMap(set -> claim.map(name -> ControllerObject.of(ResourceRef.core(
        CLAIM, set.namespace().orElseThrow(), name), Conditions.pvcBound(), set)));
  }

  /** True when the source is in another namespace than {@code claimNamespace}. */
  public boolean crossNamespace(String claimNamespace) {
    return namespace().filter(ns -> !ns.equals(claimNamespace)).isPresent();
  }

  /**
   * The {@code dataSourceRef} of a claim in {@code claimNamespace}: the namespace only when it is another one
   * (the server refuses a namespace in {@code dataSource}, and both must agree); a fresh object every call.
   */
  public TypedObjectReference toReference(String claimNamespace) {
    return new TypedObjectReferenceBuilder().withApiGroup(apiGroup().isEmpty() ? null : apiGroup())
        .withKind(kind()).withName(name())
        .withNamespace(crossNamespace(claimNamespace) ? namespace().get() : null).build();
  }

  @Override
  public String toString() {
    return (apiGroup().isEmpty() ? kind() : kind() + "." + apiGroup()) + " "
        + namespace().map(ns -> ns + "/").orElse("") + name() + statefulSet().map(set -> " of "
        + (statefulSetPreExisting() ? "pre-existing " : "") + "StatefulSet " + set).orElse("");
  }

  /** Builds {@link VolumeDataSource}s; kind and name are required, the group is empty (core) unless given. */
  public sealed interface Builder permits ImmutableVolumeDataSource.Builder {
    /** Starts from every value of {@code existing}, to derive a variant. */
    Builder from(VolumeDataSource existing);

    Builder apiGroup(String apiGroup);

    Builder kind(String kind);

    Builder name(String name);

    Builder namespace(String namespace);

    Builder awaited(boolean awaited);

    VolumeDataSource build();
  }
}
