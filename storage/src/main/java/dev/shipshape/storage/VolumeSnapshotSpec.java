package dev.shipshape.storage;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.KindOrdering;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ReadinessRule;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.storage.internal.SnapshotChecks;
import dev.shipshape.storage.internal.SnapshotReadiness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * An on-demand VolumeSnapshot ({@code snapshot.storage.k8s.io/v1}) of one claim, taken by the snapshot controller
 * when applied, such as before a migration.
 *
 * <pre>{@code
 * VolumeSnapshotSpec.builder().name("orders-db-before-v2").claim(ordersDb).snapshotClass(cinderSnapshots).build();
 * }</pre>
 *
 * <p>Snapshots are applied after the spec's VolumeSnapshotClasses; a class given by name may be pre-existing
 * ({@code preExistingResource}). Without a class, the driver's default VolumeSnapshotClass is used. The snapshot
 * controller retries until the claim exists and is bound, so the snapshot is not ordered after its claim: a gate
 * would stall a claim that binds only when its first pod is scheduled, and an order of all claims before all
 * snapshots would forbid a claim restored from a snapshot of its namespace. A snapshot of a claim that a StatefulSet
 * of the spec creates, given with {@link Builder#statefulSetClaim}, is applied after that StatefulSet, once its
 * controller has made the claim and the claim is Bound (not once every pod of the StatefulSet is ready; under the
 * default podManagementPolicy OrderedReady the controller makes an ordinal's claim only once the pods before it are
 * Ready), and a claim
 * restored from it after the snapshot; one of a StatefulSet declared pre-existing, given with
 * {@link Builder#preExistingStatefulSetClaim}, is not ordered. A snapshot is ready once its
 * {@code status.readyToUse} is true, the gate before a claim that {@linkplain VolumeClaimSpec.Builder#restoreFrom
 * restores} it. The snapshot CRDs must be in the spec or declared pre-existing.
 *
 * <p>Validation: the claim is in the spec (a claim, or a StatefulSet claim template's
 * {@code <template>-<statefulset>-<ordinal>} for an ordinal of the StatefulSet's pods) or declared pre-existing;
 * the class exists and belongs to the claim's driver; without a class, a default class for that driver should be in
 * the spec. A claim given with {@link Builder#statefulSetClaim} is named {@code <template>-<statefulset>-<ordinal>}
 * with an ordinal of 0 or more, and its StatefulSet is in the spec; one given with
 * {@link Builder#preExistingStatefulSetClaim} is named alike, and its StatefulSet is declared pre-existing (whose
 * template and ordinal then cannot be checked: a warning).
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VolumeSnapshotSpec implements Component {
  /** The API group of the snapshot kinds. */
  public static final String GROUP = "snapshot.storage.k8s.io";

  /** The snapshot's name, set with {@link Builder#name}. */
  public abstract String snapshotName();

  public abstract String namespace();

  /**
   * The component name, {@code snapshot <namespace>/<snapshot>} such as {@code snapshot shop/orders-db-before-v2}:
   * unique for each snapshot, so that snapshots of the same name in other namespaces, or a claim named like the
   * snapshot, are other components of the spec.
   */
  @Override
  public String name() {
    return "snapshot " + namespace() + "/" + snapshotName();
  }

  /** The name of the claim to snapshot, in the same namespace. */
  public abstract String claim();

  /**
   * The StatefulSet of the spec, in the snapshot's namespace, whose pods get the claim from a claim template, set
   * with {@link Builder#statefulSetClaim}: the snapshot is applied after the StatefulSet once the claim it makes is
   * Bound, and so is a claim {@linkplain VolumeClaimSpec.Builder#restoreFrom restored} from it, unless it is
   * {@linkplain #statefulSetPreExisting() pre-existing}. By default, none.
   */
  public abstract Optional<String> statefulSet();

  /**
   * Whether the {@linkplain #statefulSet() StatefulSet} runs on the cluster already, declared pre-existing rather
   * than in the spec, set with {@link Builder#preExistingStatefulSetClaim}: the snapshot does not wait for it. By
   * default, false.
   */
  @Value.Default
  public boolean statefulSetPreExisting() {
    return false;
  }

  /** The VolumeSnapshotClass; by default, the default class of the claim's driver. */
  public abstract Optional<String> snapshotClass();

  /**
   * The three snapshot CRDs of the CSI external-snapshotter, to declare them pre-existing where the snapshot
   * controller's installation brings them:
   * {@code preExistingResource(VolumeSnapshotSpec.snapshotCrds().toArray(ResourceRef[]::new))}.
   */
  public static List<ResourceRef> snapshotCrds() {
    return List.of(crd("volumesnapshotclasses"), crd("volumesnapshotcontents"), crd("volumesnapshots"));
  }

  private static ResourceRef crd(String plural) {
    return ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", plural + "." + GROUP);
  }

  public static Builder builder() {
    return ImmutableVolumeSnapshotSpec.builder();
  }

  /** The reference of the compiled VolumeSnapshot. */
  public ResourceRef ref() {
    return ResourceRef.namespaced(GROUP, "VolumeSnapshot", namespace(), snapshotName());
  }

  /** The reference of the claim. */
  public ResourceRef claimRef() {
    return ResourceRef.core("PersistentVolumeClaim", namespace(), claim());
  }

  /** The StatefulSet whose pods get the claim, when the claim was given as one of its claims. */
  public Optional<ResourceRef> statefulSetRef() {
    return statefulSet().map(set -> ResourceRef.namespaced("apps", "StatefulSet", namespace(), set));
  }

  /**
   * The claim, Bound, when it was given as one that a StatefulSet of the spec makes: the snapshot comes after the
   * StatefulSet once applied and is gated on the claim, which the snapshot controller needs Bound; a pre-existing
   * StatefulSet is not part of the plan, so nothing waits for it.
   */
  @Override
  public List<ControllerObject> awaits() {
    return statefulSetRef().filter(set -> !statefulSetPreExisting())
        .map(set -> ControllerObject.of(claimRef(), Conditions.pvcBound(), set)).stream()
        .collect(Collectors.toList());
  }

  @Override
  public List<KindOrdering> kindOrderings() {
    return List.of(KindOrdering.clusterWide("VolumeSnapshotClasses before VolumeSnapshots",
        Set.of("VolumeSnapshotClass." + GROUP), Set.of("VolumeSnapshot." + GROUP)));
  }

  /** A VolumeSnapshot is ready when {@code status.readyToUse} is true. */
  @Override
  public List<ReadinessRule> readinessRules() {
    return List.of(ReadinessRule.of("VolumeSnapshot." + GROUP, new SnapshotReadiness()));
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(RequiredCrd.of(GROUP, "VolumeSnapshot", "volumesnapshots", "v1"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of(new VolumeSnapshotBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(snapshotName()).withNamespace(namespace()).build())
        .withNewSpec()
        .withVolumeSnapshotClassName(snapshotClass().orElse(null))
        .withNewSource().withPersistentVolumeClaimName(claim()).endSource()
        .endSpec()
        .build());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return SnapshotChecks.check(this, context);
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = SnapshotChecks.checkValue(this);
    if (!problems.isEmpty()) {
      throw new SpecValidationException("VolumeSnapshotSpec " + namespace() + "/" + snapshotName(), problems);
    }
  }

  /** Builds {@link VolumeSnapshotSpec}s; name, namespace and claim are required. */
  public sealed interface Builder permits ImmutableVolumeSnapshotSpec.Builder {
    /** Starts from every value of {@code existing}, to derive a variant. */
    Builder from(VolumeSnapshotSpec existing);

    /** The snapshot's name. */
    default Builder name(String name) {
      return ((ImmutableVolumeSnapshotSpec.Builder) this).snapshotName(name);
    }

    Builder namespace(String namespace);

    Builder claim(String claim);

    /** Snapshots this claim of the spec, in its namespace. */
    default Builder claim(VolumeClaimSpec claim) {
      return namespace(claim.namespace()).claim(claim.claimName());
    }

    /**
     * Snapshots the claim that StatefulSet {@code statefulSet} of the spec creates from its claim template
     * {@code template} for its pod of ordinal {@code ordinal}, {@code <template>-<statefulSet>-<ordinal>} such as
     * {@code data-db-0} for {@code ("db", "data", 0)}: the snapshot is applied after the StatefulSet, once its
     * controller has made the claim and it is Bound. Give the namespace with {@link #namespace}.
     */
    default Builder statefulSetClaim(String statefulSet, String template, int ordinal) {
      return ((ImmutableVolumeSnapshotSpec.Builder) claim(VolumeDataSource.statefulSetClaim(statefulSet, template,
          ordinal).name())).statefulSet(statefulSet).statefulSetPreExisting(false);
    }

    /**
     * Snapshots the claim that StatefulSet {@code statefulSet}, running on the cluster and declared pre-existing,
     * created from its claim template {@code template} for its pod of ordinal {@code ordinal}, named as by
     * {@link #statefulSetClaim}: the snapshot is not ordered, and the snapshot controller retries until the claim is
     * Bound. Give the namespace with {@link #namespace}.
     */
    default Builder preExistingStatefulSetClaim(String statefulSet, String template, int ordinal) {
      return ((ImmutableVolumeSnapshotSpec.Builder) statefulSetClaim(statefulSet, template, ordinal))
          .statefulSetPreExisting(true);
    }

    /** A class by name, possibly pre-existing on the cluster. */
    Builder snapshotClass(String snapshotClass);

    /** A class of the spec. */
    default Builder snapshotClass(VolumeSnapshotClassSpec snapshotClass) {
      return snapshotClass(snapshotClass.className());
    }

    VolumeSnapshotSpec build();
  }
}
