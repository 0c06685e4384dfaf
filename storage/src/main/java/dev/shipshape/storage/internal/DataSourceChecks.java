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
    String group = d.apiGroup();
    if (group.equals("v1") || group.equals("core")) {
      problems.add(Problem.error(ref, FIELD + ".apiGroup", "is '" + group + "', which is not an API group: the"
          + " core group is written as no group, and the API server drops a claim source of group '" + group
          + "' from dataSource, so the volume would be created empty", "leave the group empty for a"
          + " PersistentVolumeClaim, as VolumeDataSource.claim(...) does"));
    } else if (!group.isEmpty()) {
      Names.checkDns1123Subdomain(group).forEach(p -> problems.add(Problem.error(ref, FIELD + ".apiGroup", "'"
          + group + "' " + p, "name the source kind's API group, such as '" + VolumeSnapshotSpec.GROUP + "'")));
    }
    if (group.isEmpty() && !d.kind().isEmpty() && !d.kind().equals(VolumeDataSource.CLAIM)) {
      problems.add(Problem.error(ref, FIELD + ".kind", "is " + d.kind() + " of the core group, which the API"
          + " server rejects: only a PersistentVolumeClaim may be referenced without group", d.kind().equals(
              VolumeDataSource.SNAPSHOT) ? "give the group " + VolumeSnapshotSpec.GROUP + ", as"
              + " VolumeDataSource.snapshot(...) does" : "give the API group of the populator's kind"));
    } else if (d.kind().equals(VolumeDataSource.SNAPSHOT) && !group.equals(VolumeSnapshotSpec.GROUP)) {
      problems.add(Problem.error(ref, FIELD + ".apiGroup", "is '" + group + "' for a VolumeSnapshot, so the"
          + " source is read as a populator's object that no controller fills; the claim would stay Pending",
          "use the group " + VolumeSnapshotSpec.GROUP + ", as VolumeDataSource.snapshot(...) does"));
    } else if (d.kind().equals(VolumeDataSource.CLAIM) && !group.isEmpty() && !group.equals("v1")) {
      problems.add(Problem.error(ref, FIELD + ".apiGroup", "is '" + group + "' for a PersistentVolumeClaim,"
          + " which is of the core group; the claim would stay Pending", "leave the group empty, as"
          + " VolumeDataSource.claim(...) does"));
    }
    if (d.kind().equals(VolumeDataSource.CLAIM) && group.isEmpty() && !d.crossNamespace(c.namespace())
        && d.name().equals(c.claimName())) {
      problems.add(Problem.error(ref, FIELD + ".name", "clones the claim itself", "name another claim"));
    }
    return problems;
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
      snapshot.ifPresent(s -> checkRestore(c, s, context, problems));
    } else if (d.kind().equals(VolumeDataSource.CLAIM)) {
      Optional<SpecClaims.Claim> claim = SpecClaims.in(context, c.namespace()).stream()
          .filter(s -> s.produces(d.name())).findFirst();
      checkExists(c, d, source, claim.isPresent(), context, problems);
      claim.ifPresent(s -> checkClone(c, d, s, context, problems));
    }
    return problems;
  }

  private static void checkExists(VolumeClaimSpec c, VolumeDataSource d, ResourceRef source, boolean inSpec,
      SpecContext context, List<Problem> problems) {
    if (!inSpec && !context.isPreExisting(source)) {
      problems.add(Problem.error(c.ref(), FIELD, "names " + source + ", which is neither in the spec nor declared"
          + " pre-existing; the claim would stay Pending", "fix the name, add the source to the spec, or declare"
          + " it with preExistingResource(...)"));
    } else if (inSpec && !d.awaited() && context.find(source).isPresent()) {
      problems.add(Problem.warning(c.ref(), FIELD, "names " + source + " of the spec by name, so the claim is"
          + " not ordered after it and the provisioner retries until the source is ready", "give the "
          + (d.kind().equals(VolumeDataSource.SNAPSHOT) ? "VolumeSnapshotSpec" : "VolumeClaimSpec")
          + " itself, such as restoreFrom(snapshot) or cloneFrom(claim)"));
    }
  }

  /** The snapshot's claim sets the least size; its class's driver must be the claim's class's provisioner. */
  private static void checkRestore(VolumeClaimSpec c, HasMetadata snapshot, SpecContext context,
      List<Problem> problems) {
    var spec = Manifests.toTree(snapshot).path("spec");
    String sourceClaim = spec.path("source").path("persistentVolumeClaimName").asText("");
    String what = "VolumeSnapshot " + snapshot.getMetadata().getName();
    SpecClaims.in(context, c.namespace()).stream().filter(s -> s.produces(sourceClaim)).findFirst()
        .ifPresent(s -> checkSize(c, s.spec, what + " of claim " + sourceClaim, problems));
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
    Optional<HasMetadata> storageClass = storageClass(source.storageClassName(), context);
    boolean waits = storageClass.map(sc -> VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER.value().equals(
        Manifests.toTree(sc).path("volumeBindingMode").asText(""))).orElse(false);
    if (d.awaited() && waits) {
      problems.add(Problem.warning(c.ref(), FIELD, "waits for the cloned " + what + " to be Bound, which its"
          + " WaitForFirstConsumer class does only once a pod using it is scheduled; pods of the spec are applied"
          + " after its claims, so the apply would wait until it times out unless that pod already runs",
          "clone by name with VolumeDataSource.claim(\"" + d.name() + "\") to let the provisioner wait instead"));
    }
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
