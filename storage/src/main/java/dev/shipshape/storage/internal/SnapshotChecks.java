package dev.shipshape.storage.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.storage.VolumeSnapshotClassSpec;
import dev.shipshape.storage.VolumeSnapshotSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of a {@link VolumeSnapshotSpec}. */
public final class SnapshotChecks {
  private SnapshotChecks() {}

  public static List<Problem> checkValue(VolumeSnapshotSpec s) {
    List<Problem> problems = new ArrayList<>();
    Names.checkDns1123Subdomain(s.snapshotName()).forEach(p -> problems.add(Problem.error(s.ref(),
        "metadata.name", "'" + s.snapshotName() + "' " + p, "use a DNS-1123 subdomain such as 'orders-db-before-v2'")));
    Names.checkDns1123Label(s.namespace()).forEach(p -> problems.add(Problem.error(s.ref(), "metadata.namespace",
        "'" + s.namespace() + "' " + p, "use a DNS-1123 label such as 'shop'")));
    Names.checkDns1123Subdomain(s.claim()).forEach(p -> problems.add(Problem.error(s.ref(),
        "spec.source.persistentVolumeClaimName", "'" + s.claim() + "' " + p, "name the claim to snapshot")));
    s.snapshotClass().ifPresent(name -> checkClassName(s, name, problems));
    s.statefulSet().ifPresent(set -> problems.addAll(StatefulSetClaimNames.check(s.ref(),
        "spec.source.persistentVolumeClaimName", set, s.claim(), s.statefulSetPreExisting()
            ? "preExistingStatefulSetClaim" : "statefulSetClaim")));
    return problems;
  }

  /**
   * Unlike a claim's empty storageClassName, an empty volumeSnapshotClassName does not mean "no class": the
   * VolumeSnapshot CRD rejects it ("volumeSnapshotClassName must not be the empty string when set"). Only an
   * absent name selects the driver's default class.
   */
  private static void checkClassName(VolumeSnapshotSpec s, String name, List<Problem> problems) {
    String field = "spec.volumeSnapshotClassName";
    if (name.isEmpty()) {
      problems.add(Problem.error(s.ref(), field, "is empty, which the API server rejects (an empty class name"
          + " does not select the default class)", "leave snapshotClass unset to use the default"
          + " VolumeSnapshotClass of the claim's driver, or name a class such as 'csi-cinder-snapclass'"));
      return;
    }
    Names.checkDns1123Subdomain(name).forEach(p -> problems.add(Problem.error(s.ref(), field, "'" + name + "' " + p
        + ", so no VolumeSnapshotClass can have this name", "name an existing VolumeSnapshotClass such as"
        + " 'csi-cinder-snapclass'")));
  }

  public static List<Problem> check(VolumeSnapshotSpec s, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    String field = "spec.source.persistentVolumeClaimName";
    Optional<ResourceRef> statefulSet = s.statefulSetRef();
    // A claim of a StatefulSet outside the spec: where the StatefulSet is said all there is; the class is left.
    boolean outsideSpec = statefulSet.isPresent() && !StatefulSetSourceChecks.check(StatefulSetSourceChecks.Use
        .SNAPSHOT, s.ref(), field, s.claim(), statefulSet.get(), s.statefulSetPreExisting(), context, problems);
    Optional<SpecClaims.Claim> claim = outsideSpec ? Optional.empty() : findClaim(s, context);
    if (!outsideSpec && claim.isEmpty() && !context.isPreExisting(s.claimRef())) {
      problems.add(SpecClaims.mismatch(context, s.namespace(), s.claim(), s.statefulSet()).map(m -> Problem.error(
          s.ref(), field, "names " + m.problem + "; the snapshot would never be taken", m.fix)).orElseGet(() ->
          Problem.error(s.ref(), field, "names claim " + s.claimRef().qualifiedName() + ", which is neither in the"
          + " spec nor declared pre-existing; the snapshot would never be taken", "fix the name, add the claim, or"
          + " declare it with preExistingResource(...)")));
    }
    Optional<String> claimDriver = claim.flatMap(c -> driverOfClaim(c, context));
    if (s.snapshotClass().isPresent()) {
      ResourceRef classRef = SnapshotClassChecks.classRef(s.snapshotClass().get());
      Optional<HasMetadata> snapshotClass = context.find(classRef);
      if (snapshotClass.isEmpty() && !context.isPreExisting(classRef)) {
        problems.add(Problem.error(s.ref(), "spec.volumeSnapshotClassName", "names " + classRef + ", which is"
            + " neither in the spec nor declared pre-existing", "add a VolumeSnapshotClassSpec, fix the name,"
            + " or declare it with preExistingResource(...)"));
      }
      String classDriver = snapshotClass.map(SnapshotClassChecks::driverOf).orElse("");
      if (!classDriver.isEmpty() && claimDriver.isPresent() && !claimDriver.get().equals(classDriver)) {
        problems.add(Problem.error(s.ref(), "spec.volumeSnapshotClassName", "VolumeSnapshotClass "
            + s.snapshotClass().get() + " is of driver " + classDriver + ", but the claim's volume is of driver "
            + claimDriver.get() + "; the snapshot would fail", "use a VolumeSnapshotClass of " + claimDriver.get()));
      }
    } else if (claimDriver.isPresent() && !hasDefaultClass(context, claimDriver.get())) {
      problems.add(Problem.warning(s.ref(), "spec.volumeSnapshotClassName", "names no class and the spec has no"
          + " default VolumeSnapshotClass for driver " + claimDriver.get() + "; the snapshot waits unless the"
          + " cluster has one", "name a class, or mark a VolumeSnapshotClassSpec of the driver defaultClass(true)"));
    }
    return problems;
  }

  /**
   * The claim of the spec, or a StatefulSet template whose claims are named {@code template-set-ordinal} (of the
   * snapshot's StatefulSet, when it names one).
   */
  private static Optional<SpecClaims.Claim> findClaim(VolumeSnapshotSpec s, SpecContext context) {
    return SpecClaims.in(context, s.namespace()).stream().filter(c -> c.produces(s.claim(), s.statefulSet()))
        .findFirst();
  }

  private static Optional<String> driverOfClaim(SpecClaims.Claim claim, SpecContext context) {
    Optional<String> className = claim.storageClassName();
    for (HasMetadata storageClass : context.resources("storage.k8s.io", "StorageClass")) {
      boolean matches = className.map(storageClass.getMetadata().getName()::equals)
          .orElseGet(() -> StorageClassChecks.isDefault(storageClass));
      if (matches) return Optional.of(Manifests.toTree(storageClass).path("provisioner").asText());
    }
    return Optional.empty();
  }

  private static boolean hasDefaultClass(SpecContext context, String driver) {
    return context.resources(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass").stream().anyMatch(c -> {
      Map<String, String> annotations = c.getMetadata().getAnnotations();
      return driver.equals(SnapshotClassChecks.driverOf(c)) && annotations != null
          && "true".equals(annotations.get(VolumeSnapshotClassSpec.DEFAULT_CLASS_ANNOTATION));
    });
  }
}
