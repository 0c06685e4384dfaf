package dev.shipshape.storage.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.storage.VolumeBindingMode;
import dev.shipshape.storage.VolumeClaimSpec;
import dev.shipshape.storage.VolumeDataSource;
import dev.shipshape.storage.VolumeSnapshotSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a claim's {@link VolumeDataSource}: the reference as the API server validates it (which silently
 * drops some references it cannot take, leaving an empty volume), and the source as the CSI external-provisioner
 * needs it (<a href="https://kubernetes.io/docs/concepts/storage/volume-pvc-datasource/">Volume cloning</a>,
 * <a href="https://kubernetes.io/docs/concepts/storage/volume-snapshots/#provisioning-volumes-from-snapshots">
 * restore from a snapshot</a>).
 */
public final class DataSourceChecks {
  private static final String FIELD = "spec.dataSourceRef";

  private DataSourceChecks() {}

  /** Problems of the reference alone, raised by the claim's builder. */
  public static List<Problem> checkValue(VolumeClaimSpec c, VolumeDataSource d) {
    ResourceRef ref = c.ref();
    List<Problem> problems = new ArrayList<>();
    if (d.kind().isEmpty()) {
      problems.add(Problem.error(ref, FIELD + ".kind", "is empty, which the API server rejects",
          "name the source's kind, such as VolumeSnapshot, or use VolumeDataSource.snapshot(...) or claim(...)"));
    }
    Names.checkDns1123Subdomain(d.name()).forEach(p -> problems.add(Problem.error(ref, FIELD + ".name", "'"
        + d.name() + "' " + p + ", so no source can have this name", "name the source object, such as"
        + " 'orders-db-before-v2'")));
    d.namespace().ifPresent(ns -> Names.checkDns1123Label(ns).forEach(p -> problems.add(Problem.error(ref,
        FIELD + ".namespace", "'" + ns + "' " + p, "name the source's namespace, such as 'shop'"))));
    problems.addAll(checkGroup(ref, d));
    if (d.kind().equals(VolumeDataSource.CLAIM) && d.apiGroup().isEmpty() && !d.crossNamespace(c.namespace())
        && d.name().equals(c.claimName())) {
      problems.add(Problem.error(ref, FIELD + ".name", "clones the claim itself", "name another claim"));
    }
    if (d.kind().equals(VolumeDataSource.CLAIM)) {
      d.statefulSet().ifPresent(set -> problems.addAll(StatefulSetClaimNames.check(ref, FIELD + ".name", set,
          d.name(), d.statefulSetPreExisting() ? "VolumeDataSource.preExistingStatefulSetClaim"
              : "VolumeDataSource.statefulSetClaim")));
    } else if (!d.kind().equals(VolumeDataSource.SNAPSHOT) && d.statefulSet().isPresent()) {
      problems.add(Problem.error(ref, FIELD + ".kind", "is " + d.kind() + ", but the source names StatefulSet "
          + d.statefulSet().get() + ", whose pods get claims, not " + d.kind() + " objects", "use"
          + " VolumeDataSource.statefulSetClaim(...) to clone a claim of the StatefulSet"));
    }
    return problems;
  }

  /**
   * At most one problem per field for the pairing of group and kind: a claim is of the core group (no group), a
   * VolumeSnapshot of {@value VolumeSnapshotSpec#GROUP}, any other kind of a populator's named group. The API server
   * keeps {@code dataSourceRef} of any named group, so a misnamed group is read as a populator's object.
   */
  private static List<Problem> checkGroup(ResourceRef ref, VolumeDataSource d) {
    String group = d.apiGroup();
    String kind = d.kind();
    String field = FIELD + ".apiGroup";
    if (group.equals("v1") || group.equals("core")) {
      return List.of(Problem.error(ref, field, "is '" + group + "', which is not an API group (the core group is"
          + " written as no group): the API server keeps it, so the " + (kind.isEmpty() ? "source" : kind)
          + " is read as a populator's object that no controller fills; the claim would stay Pending",
          groupFix(kind)));
    }
    List<String> invalid = group.isEmpty() ? List.of() : Names.checkDns1123Subdomain(group);
    if (!invalid.isEmpty()) {
      return List.of(Problem.error(ref, field, "'" + group + "' " + String.join("; ", invalid), groupFix(kind)));
    }
    if (group.isEmpty() && !kind.isEmpty() && !kind.equals(VolumeDataSource.CLAIM)) {
      return List.of(Problem.error(ref, FIELD + ".kind", "is " + kind + " of the core group, which the API"
          + " server rejects: only a PersistentVolumeClaim may be referenced without group", groupFix(kind)));
    }
    if (kind.equals(VolumeDataSource.SNAPSHOT) && !group.equals(VolumeSnapshotSpec.GROUP)
        || kind.equals(VolumeDataSource.CLAIM) && !group.isEmpty()) {
      return List.of(Problem.error(ref, field, "is '" + group + "' for a " + kind + ", so the source is read as a"
          + " populator's object that no controller fills; the claim would stay Pending", groupFix(kind)));
    }
    return List.of();
  }

  /** How to name the group of a source of {@code kind}. */
  private static String groupFix(String kind) {
    if (kind.equals(VolumeDataSource.CLAIM)) {
      return "leave the group empty, as VolumeDataSource.claim(...) does";
    }
    if (kind.equals(VolumeDataSource.SNAPSHOT)) {
      return "use the group " + VolumeSnapshotSpec.GROUP + ", as VolumeDataSource.snapshot(...) does";
    }
    return "give the API group of the populator's kind, such as 'hello.example.com'";
  }

  /** Problems against the whole spec: the source exists, and a restore or clone can be provisioned from it. */
  public static List<Problem> check(VolumeClaimSpec c, VolumeDataSource d, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    if (d.crossNamespace(c.namespace())) {
      problems.add(Problem.warning(c.ref(), FIELD + ".namespace", "names namespace " + d.namespace().get()
          + ": without the alpha feature gate CrossNamespaceVolumeDataSource the API server drops the whole"
          + " dataSourceRef and the volume is created empty; with it, the source's namespace needs a ReferenceGrant"
          + " (gateway.networking.k8s.io) allowing claims of " + c.namespace(), "restore or clone in the"
          + " source's namespace, or enable the feature gate and add the ReferenceGrant in "
          + d.namespace().get()));
      return problems;
    }
    ResourceRef source = d.ref(c.namespace());
    if (d.kind().equals(VolumeDataSource.SNAPSHOT)) {
      Optional<HasMetadata> snapshot = context.find(source);
      checkExists(c, d, source, snapshot.isPresent(), context, problems);
      snapshot.ifPresent(s -> checkRestore(c, d, s, context, problems));
    } else if (d.kind().equals(VolumeDataSource.CLAIM)) {
      Optional<ResourceRef> statefulSet = d.statefulSetRef(c.namespace());
      if (statefulSet.isPresent() && !StatefulSetSourceChecks.check(StatefulSetSourceChecks.Use.CLONE, c.ref(),
          FIELD, d.name(), statefulSet.get(), d.statefulSetPreExisting(), context, problems)) {
        return problems;
      }
      Optional<SpecClaims.Claim> claim = SpecClaims.in(context, c.namespace()).stream()
          .filter(s -> s.produces(d.name(), d.statefulSet())).findFirst();
      checkExists(c, d, source, claim.isPresent(), context, problems);
      claim.ifPresent(s -> checkClone(c, d, s, context, problems));
      if (d.statefulSet().isEmpty()) {
        claim.filter(s -> s.template.isPresent()).ifPresent(s -> problems.add(Problem.warning(c.ref(), FIELD,
            "clones claim " + d.name() + ", which StatefulSet " + s.owner.qualifiedName() + " creates from its"
            + " claim template " + s.template.get() + ", by name: claims are applied before the pods of their"
            + " namespace, so this claim comes before the StatefulSet and the provisioner retries until " + d.name()
            + " exists and is Bound", "clone it with cloneFromStatefulSetClaim(" + s.typedArguments(d.name())
            + "), or VolumeDataSource.statefulSetClaim(...), to apply this claim after StatefulSet "
            + s.owner.qualifiedName() + ", once " + d.name() + " is Bound")));
      }
    }
    return problems;
  }

  private static void checkExists(VolumeClaimSpec c, VolumeDataSource d, ResourceRef source, boolean inSpec,
      SpecContext context, List<Problem> problems) {
    if (!inSpec && !context.isPreExisting(source)) {
      Optional<SpecClaims.Mismatch> mismatch = d.kind().equals(VolumeDataSource.CLAIM)
          ? SpecClaims.mismatch(context, c.namespace(), d.name(), d.statefulSet()) : Optional.empty();
      problems.add(mismatch.map(m -> Problem.error(c.ref(), FIELD + ".name", "names " + m.problem + "; the claim"
          + " would stay Pending", m.fix)).orElseGet(() -> Problem.error(c.ref(), FIELD, "names " + source
          + ", which is neither in the spec nor declared pre-existing; the claim would stay Pending", "fix the"
          + " name, add the source to the spec, or declare it with preExistingResource(...)")));
    } else if (inSpec && !d.awaited() && context.find(source).isPresent()) {
      problems.add(Problem.warning(c.ref(), FIELD, "names " + source + " of the spec by name, so the claim is"
          + " not ordered after it and the provisioner retries until the source is ready", "give the "
          + (d.kind().equals(VolumeDataSource.SNAPSHOT) ? "VolumeSnapshotSpec" : "VolumeClaimSpec")
          + " itself, such as restoreFrom(snapshot) or cloneFrom(claim)"));
    }
  }

  /**
   * The snapshot's claim sets the least size, and awaiting the snapshot stalls when that claim waits for its first
   * consumer; the snapshot class's driver must be the claim's class's provisioner.
   */
  private static void checkRestore(VolumeClaimSpec c, VolumeDataSource d, HasMetadata snapshot,
      SpecContext context, List<Problem> problems) {
    var spec = Manifests.toTree(snapshot).path("spec");
    String sourceClaim = spec.path("source").path("persistentVolumeClaimName").asText("");
    String what = "VolumeSnapshot " + snapshot.getMetadata().getName();
    Optional<SpecClaims.Claim> snapshotted = SpecClaims.in(context, c.namespace()).stream()
        .filter(s -> s.produces(sourceClaim)).findFirst();
    snapshotted.ifPresent(s -> checkSize(c, s.spec, what + " of claim " + sourceClaim, problems));
    String byName = "restore by name with VolumeDataSource.snapshot(\"" + d.name() + "\") to let the provisioner"
        + " wait instead";
    Optional<SpecClaims.Claim> ofStatefulSet = snapshotted.filter(s -> s.template.isPresent());
    if (d.awaited() && ofStatefulSet.isPresent()) {
      // Typed, the snapshot and this claim come after the StatefulSet and wait for its claim to be Bound.
      SpecClaims.Claim s = ofStatefulSet.get();
      if (d.statefulSet().filter(s.owner.name()::equals).isEmpty()) {
        problems.add(Problem.warning(c.ref(), FIELD, "waits for " + what + " to be ready to use, which it becomes"
            + " only once claim " + sourceClaim + " is Bound, and StatefulSet " + s.owner.qualifiedName()
            + " creates that claim; claims are applied before the pods of their namespace, so the StatefulSet comes"
            + " after this claim and the apply would wait until it times out unless the StatefulSet already runs",
            "snapshot the claim with statefulSetClaim(" + s.typedArguments(sourceClaim) + ") instead of claim(\""
            + sourceClaim + "\") on the VolumeSnapshotSpec's builder, so that the snapshot, and this claim, come"
            + " after StatefulSet " + s.owner.qualifiedName() + " and wait for " + sourceClaim + " to be Bound; or "
            + byName));
      }
    } else if (d.awaited() && snapshotted.filter(s -> waitsForConsumer(s, context)).isPresent()) {
      problems.add(Problem.warning(c.ref(), FIELD, "waits for " + what + " to be ready to use, which it becomes"
          + " only once its " + snapshotted.get().description + " is Bound, and that claim's WaitForFirstConsumer"
          + " class binds it only once a pod using it is scheduled; pods of the spec are applied after its claims,"
          + " so the apply would wait until it times out unless that pod already runs", byName));
    }
    String className = spec.path("volumeSnapshotClassName").asText("");
    if (className.isEmpty()) return;
    String driver = context.find(SnapshotClassChecks.classRef(className)).map(SnapshotClassChecks::driverOf)
        .orElse("");
    Optional<String> provisioner = storageClass(c.storageClass(), context)
        .map(sc -> Manifests.toTree(sc).path("provisioner").asText(""));
    if (!driver.isEmpty() && provisioner.isPresent() && !provisioner.get().equals(driver)) {
      problems.add(Problem.error(c.ref(), FIELD, "restores " + what + " of VolumeSnapshotClass " + className
          + " (driver " + driver + ") into a volume of provisioner " + provisioner.get() + ", which cannot read"
          + " the other driver's snapshots; the claim would stay Pending", "restore with a StorageClass of "
          + driver));
    }
  }

  /** A CSI clone needs the source's class and volume mode, and at least its size. */
  private static void checkClone(VolumeClaimSpec c, VolumeDataSource d, SpecClaims.Claim source,
      SpecContext context, List<Problem> problems) {
    String what = source.description;
    checkSize(c, source.spec, what, problems);
    Optional<String> sourceClass = className(source.storageClassName(), context);
    Optional<String> ownClass = className(c.storageClass(), context);
    if (sourceClass.isPresent() && ownClass.isPresent() && !sourceClass.equals(ownClass)) {
      problems.add(Problem.error(c.ref(), "spec.storageClassName", "is " + ownClass.get() + ", but the cloned "
          + what + " is of StorageClass " + sourceClass.get() + "; CSI clones stay in the source's class and the"
          + " provisioner refuses the claim", "use StorageClass " + sourceClass.get()
          + ", or restore from a snapshot of the claim instead"));
    }
    boolean sourceBlock = "Block".equals(source.spec.getVolumeMode());
    if (sourceBlock != c.block()) {
      problems.add(Problem.error(c.ref(), "spec.volumeMode", "is " + (c.block() ? "Block" : "Filesystem")
          + ", but the cloned " + what + " is " + (sourceBlock ? "Block" : "Filesystem") + "; the provisioner"
          + " refuses clones across volume modes", "use block(" + sourceBlock + ")"));
    }
    if (d.awaited() && waitsForConsumer(source, context)) {
      problems.add(Problem.warning(c.ref(), FIELD, "waits for the cloned " + what + " to be Bound, which its"
          + " WaitForFirstConsumer class does only once a pod using it is scheduled; pods of the spec are applied"
          + " after its claims, so the apply would wait until it times out unless that pod already runs",
          "clone by name with VolumeDataSource.claim(\"" + d.name() + "\") to let the provisioner wait instead"));
    }
  }

  /** True when the claim's StorageClass (named, or the spec's default) binds it only for its first consumer. */
  private static boolean waitsForConsumer(SpecClaims.Claim claim, SpecContext context) {
    return storageClass(claim.storageClassName(), context).map(sc -> VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER
        .value().equals(Manifests.toTree(sc).path("volumeBindingMode").asText(""))).orElse(false);
  }

  private static void checkSize(VolumeClaimSpec c, PersistentVolumeClaimSpec source, String what,
      List<Problem> problems) {
    BigInteger least = source.getResources() == null || source.getResources().getRequests() == null
        ? BigInteger.ONE.negate() : Quantities.bytes(source.getResources().getRequests().get("storage"));
    if (least.signum() > 0 && Quantities.bytes(c.size()).compareTo(least) < 0) {
      String sourceSize = source.getResources().getRequests().get("storage").toString();
      problems.add(Problem.error(c.ref(), "spec.resources.requests.storage", "'" + c.size() + "' is less than"
          + " the " + sourceSize + " of " + what + "; the provisioner refuses a volume smaller than its source",
          "ask for at least " + sourceSize));
    }
  }

  /** The StorageClass a claim gets: the named one, or the spec's default class; empty when not in the spec. */
  private static Optional<HasMetadata> storageClass(Optional<String> name, SpecContext context) {
    if (name.filter(String::isEmpty).isPresent()) return Optional.empty();
    return context.resources("storage.k8s.io", "StorageClass").stream()
        .filter(sc -> name.map(sc.getMetadata().getName()::equals).orElseGet(() -> StorageClassChecks.isDefault(sc)))
        .findFirst();
  }

  /** The class name a claim gets: the named one, or the spec's default class; empty when unknown. */
  private static Optional<String> className(Optional<String> name, SpecContext context) {
    return name.isPresent() ? name : storageClass(name, context).map(sc -> sc.getMetadata().getName());
  }
}
