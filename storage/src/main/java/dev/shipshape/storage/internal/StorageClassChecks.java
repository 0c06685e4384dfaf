package dev.shipshape.storage.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.storage.StorageClassSpec;
import dev.shipshape.storage.VolumeAccessMode;
import dev.shipshape.storage.VolumeBindingMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The rules of a {@link StorageClassSpec}: on its own values, and against the whole spec. */
public final class StorageClassChecks {
  /** CSI drivers whose volumes live in one availability zone. */
  private static final Set<String> ZONAL_DRIVERS = Set.of("cinder.csi.openstack.org", "ebs.csi.aws.com",
      "pd.csi.storage.gke.io", "disk.csi.azure.com");
  private static final String BETA_DEFAULT_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

  private StorageClassChecks() {}

  public static boolean isZonalDriver(String driver) {
    return ZONAL_DRIVERS.contains(driver);
  }

  /** Problems of the values alone, raised by the builder. */
  public static List<Problem> checkValue(StorageClassSpec s) {
    ResourceRef ref = s.ref();
    List<Problem> problems = new ArrayList<>();
    Names.checkDns1123Subdomain(s.className()).forEach(p -> problems.add(Problem.error(ref, "metadata.name",
        "'" + s.className() + "' " + p, "use a DNS-1123 subdomain such as 'csi-cinder-high-speed'")));
    checkProvisioner(ref, s.provisioner(), problems);
    s.parameters().keySet().stream().filter(String::isBlank).forEach(k -> problems.add(Problem.error(ref,
        "parameters", "has an empty parameter name", "remove it, or name the driver parameter such as 'type'")));
    s.mountOptions().stream().filter(String::isBlank).forEach(o -> problems.add(Problem.error(ref,
        "mountOptions", "has an empty mount option", "remove it, or give an option such as 'noatime'")));
    s.allowedTopologies().forEach((key, values) -> {
      String field = "allowedTopologies[0].matchLabelExpressions[" + key + "]";
      Names.checkLabelKey(key).forEach(p -> problems.add(Problem.error(ref, field + ".key", "'" + key + "': " + p,
          "use a topology label key such as 'topology.kubernetes.io/zone'")));
      if (values.isEmpty()) {
        problems.add(Problem.error(ref, field + ".values", "lists no value for '" + key + "'",
            "list at least one value, such as allowedTopology(\"topology.kubernetes.io/zone\", \"nova\")"));
      }
      values.forEach(v -> Names.checkLabelValue(v).forEach(p -> problems.add(Problem.error(ref,
          field + ".values", "'" + v + "': " + p, "use a label value such as 'eu-west-1a'"))));
      // The API server rejects a value listed twice in one expression (ValidateTopologySelectorTerm).
      values.stream().filter(v -> values.indexOf(v) != values.lastIndexOf(v)).distinct().forEach(v ->
          problems.add(Problem.error(ref, field + ".values", "lists '" + v + "' more than once for '" + key
              + "', which the API server rejects as a duplicate value", "list each value once")));
    });
    if (s.supportedAccessModes().contains(VolumeAccessMode.READ_WRITE_ONCE_POD)
        && !s.supportedAccessModes().contains(VolumeAccessMode.READ_WRITE_ONCE)) {
      problems.add(Problem.error(ref, "supportedAccessModes", "lists ReadWriteOncePod without ReadWriteOnce;"
          + " a driver that serves one pod serves one node", "add VolumeAccessMode.READ_WRITE_ONCE"));
    }
    return problems;
  }

  /**
   * A StorageClass provisioner as the API server validates it: a qualified name once lower-cased, so besides CSI
   * drivers it accepts prefixed provisioners such as {@code kubernetes.io/no-provisioner} for local volumes
   * (<a href="https://kubernetes.io/docs/concepts/storage/storage-classes/#local">Local</a>) or external ones such
   * as {@code rancher.io/local-path}.
   */
  static void checkProvisioner(ResourceRef ref, String provisioner, List<Problem> problems) {
    if (Names.checkLabelKey(provisioner.toLowerCase(Locale.ROOT)).isEmpty()) return;
    problems.add(Problem.error(ref, "provisioner", "'" + provisioner + "' is not a provisioner name (an optional"
        + " DNS-1123 subdomain and '/', then at most 63 alphanumerics, '-', '_' or '.', alphanumerics at both ends)",
        "use the CSI driver's name as its CSIDriver object shows it, such as 'cinder.csi.openstack.org', or a"
        + " provisioner such as 'kubernetes.io/no-provisioner'"));
  }

  /**
   * A CSI driver name: at most 63 characters, alphanumerics at both ends and dashes, dots and alphanumerics
   * between (the CSI specification's GetPluginInfo rule, which Kubernetes' CSIDriver names follow).
   */
  public static void checkDriverName(ResourceRef ref, String field, String driver, List<Problem> problems) {
    if (driver.length() > 63 || !driver.matches("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?")) {
      problems.add(Problem.error(ref, field, "'" + driver + "' is not a CSI driver name (at most 63 characters,"
          + " alphanumerics at both ends, dashes, dots and alphanumerics between)",
          "use the driver's name as its CSIDriver object shows it, such as 'cinder.csi.openstack.org'"));
    }
  }

  /** Problems against the whole spec: default classes, binding mode, and the access modes of its claims. */
  public static List<Problem> check(StorageClassSpec s, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    List<String> defaults = context.resources("storage.k8s.io", "StorageClass").stream()
        .filter(StorageClassChecks::isDefault).map(o -> o.getMetadata().getName()).collect(Collectors.toList());
    // Reported once, by the first default class that a component (not a raw manifest) produced.
    boolean reporter = defaults.stream()
        .filter(n -> !context.producerOf(ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", n))
            .orElse("resources").equals("resources"))
        .findFirst().map(s.className()::equals).orElse(false);
    if (defaults.size() > 1 && reporter) {
      problems.add(Problem.error(s.ref(), "metadata.annotations[" + StorageClassSpec.DEFAULT_CLASS_ANNOTATION
          + "]", "is one of " + defaults.size() + " default StorageClasses (" + String.join(", ", defaults)
          + "); with several defaults Kubernetes gives new claims without a class the newest one",
          "mark exactly one class as default"));
    }
    if (s.topologyAware() && s.volumeBindingMode() == VolumeBindingMode.IMMEDIATE) {
      problems.add(Problem.warning(s.ref(), "volumeBindingMode", "is Immediate for the topology-aware driver "
          + s.provisioner() + ": volumes are provisioned before the pod is scheduled, possibly in a zone where"
          + " the pod cannot run", "use volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER)"));
    }
    if (!s.supportedAccessModes().isEmpty()) checkAccessModes(s, context, problems);
    return problems;
  }

  private static void checkAccessModes(StorageClassSpec s, SpecContext context, List<Problem> problems) {
    String supported = s.supportedAccessModes().stream().map(VolumeAccessMode::value)
        .collect(Collectors.joining(", "));
    for (SpecClaims.Claim claim : SpecClaims.of(context)) {
      if (!claim.storageClassName().map(s.className()::equals).orElse(s.defaultClass())) continue;
      List<String> modes = claim.spec.getAccessModes() == null ? List.of() : claim.spec.getAccessModes();
      for (int i = 0; i < modes.size(); i++) {
        String mode = modes.get(i);
        if (s.supportedAccessModes().stream().anyMatch(m -> m.value().equals(mode))) continue;
        problems.add(Problem.error(claim.owner, claim.field + ".accessModes[" + i + "]", claim.description
            + " asks for " + mode + " from StorageClass " + s.className() + ", whose driver " + s.provisioner()
            + " supports only " + supported + "; the claim would stay Pending",
            "use " + supported + ", or a StorageClass of a driver that supports " + mode));
      }
    }
  }

  static boolean isDefault(HasMetadata storageClass) {
    Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
    if (annotations == null) return false;
    // Kubernetes compares with "true" exactly (storage/util.IsDefaultAnnotation).
    return "true".equals(annotations.get(StorageClassSpec.DEFAULT_CLASS_ANNOTATION))
        || "true".equals(annotations.get(BETA_DEFAULT_ANNOTATION));
  }
}
