package dev.shipshape.storage.internal;

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
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The rules of a {@link VolumeSnapshotClassSpec}. */
public final class SnapshotClassChecks {
  private SnapshotClassChecks() {}

  public static List<Problem> checkValue(VolumeSnapshotClassSpec s) {
    List<Problem> problems = new ArrayList<>();
    Names.checkDns1123Subdomain(s.className()).forEach(p -> problems.add(Problem.error(s.ref(), "metadata.name",
        "'" + s.className() + "' " + p, "use a DNS-1123 subdomain such as 'csi-cinder-snapclass'")));
    StorageClassChecks.checkDriverName(s.ref(), "driver", s.driver(), problems);
    s.parameters().keySet().stream().filter(String::isBlank).forEach(k -> problems.add(Problem.error(s.ref(),
        "parameters", "has an empty parameter name", "remove it, or name the driver parameter")));
    return problems;
  }

  /**
   * At most one default class per driver (the snapshot controller refuses to choose between several) and at most
   * one Velero class per driver (Velero fails the volume's backup when several carry its label). Each conflict is
   * reported once, by the first class of the group.
   */
  public static List<Problem> check(VolumeSnapshotClassSpec s, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    List<HasMetadata> sameDriver = context.resources(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass").stream()
        .filter(c -> s.driver().equals(driverOf(c))).collect(Collectors.toList());
    conflict(s, sameDriver, c -> "true".equals(annotation(c, VolumeSnapshotClassSpec.DEFAULT_CLASS_ANNOTATION)),
        "metadata.annotations[" + VolumeSnapshotClassSpec.DEFAULT_CLASS_ANNOTATION + "]", "default", problems);
    conflict(s, sameDriver, SnapshotClassChecks::isVeleroClass,
        "metadata.labels[" + VolumeSnapshotClassSpec.VELERO_CSI_CLASS_LABEL + "]", "Velero CSI", problems);
    return problems;
  }

  private static void conflict(VolumeSnapshotClassSpec s, List<HasMetadata> sameDriver, Predicate<HasMetadata> marked,
      String field, String what, List<Problem> problems) {
    List<String> names = sameDriver.stream().filter(marked).map(c -> c.getMetadata().getName())
        .collect(Collectors.toList());
    if (names.size() < 2 || !names.get(0).equals(s.className())) return;
    problems.add(Problem.error(s.ref(), field, "is one of " + names.size() + " " + what + " VolumeSnapshotClasses"
        + " of driver " + s.driver() + " (" + String.join(", ", names) + "); with several, snapshots of the"
        + " driver's volumes fail instead of choosing one", "mark exactly one class of the driver as " + what));
  }

  /** The driver of a compiled VolumeSnapshotClass. */
  public static String driverOf(HasMetadata snapshotClass) {
    Object driver = dev.shipshape.core.Manifests.toTree(snapshotClass).path("driver").asText(null);
    return Objects.toString(driver, "");
  }

  /** True when the class carries Velero's CSI class label with value {@code true}. */
  public static boolean isVeleroClass(HasMetadata snapshotClass) {
    Map<String, String> labels = snapshotClass.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(VolumeSnapshotClassSpec.VELERO_CSI_CLASS_LABEL));
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  static ResourceRef classRef(String name) {
    return ResourceRef.clusterScoped(VolumeSnapshotSpec.GROUP, "VolumeSnapshotClass", name);
  }
}
