package dev.shipshape.storage.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.storage.VolumeAccessMode;
import dev.shipshape.storage.VolumeClaimSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of a {@link VolumeClaimSpec}. */
public final class ClaimChecks {
  /**
   * A quantity as the API server reads it: a signed decimal number ({@code 1}, {@code 1.}, {@code .5}) with a
   * binary suffix, a decimal suffix ({@code n} to {@code E}) or a decimal exponent ({@code e9}); "Quantity" in the
   * Kubernetes API reference.
   */
  private static final Pattern QUANTITY = Pattern.compile(
      "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  private ClaimChecks() {}

  public static List<Problem> checkValue(VolumeClaimSpec c) {
    ResourceRef ref = c.ref();
    List<Problem> problems = new ArrayList<>();
    Names.checkDns1123Subdomain(c.claimName()).forEach(p -> problems.add(Problem.error(ref, "metadata.name",
        "'" + c.claimName() + "' " + p, "use a DNS-1123 subdomain such as 'orders-db'")));
    Names.checkDns1123Label(c.namespace()).forEach(p -> problems.add(Problem.error(ref, "metadata.namespace",
        "'" + c.namespace() + "' " + p, "use a DNS-1123 label such as 'shop'")));
    if (!QUANTITY.matcher(c.size()).matches()) {
      problems.add(Problem.error(ref, "spec.resources.requests.storage", "'" + c.size() + "' is not a Kubernetes"
          + " quantity", "write a quantity such as '20Gi' (binary suffixes Ki, Mi, Gi, Ti) or '500M'"));
    } else if (Quantities.bytes(c.size()).signum() <= 0) {
      problems.add(Problem.error(ref, "spec.resources.requests.storage", "'" + c.size() + "' is not greater than"
          + " zero, as the API server requires", "ask for a size such as '20Gi'"));
    }
    if (c.accessModes().contains(VolumeAccessMode.READ_WRITE_ONCE_POD) && c.accessModes().size() > 1) {
      problems.add(Problem.error(ref, "spec.accessModes", "combines ReadWriteOncePod with other modes, which the"
          + " API server rejects", "ask for ReadWriteOncePod alone"));
    }
    if (c.accessModes().size() != c.accessModes().stream().distinct().count()) {
      problems.add(Problem.error(ref, "spec.accessModes", "repeats an access mode", "list each mode once"));
    }
    c.storageClass().filter(s -> !s.isEmpty()).ifPresent(s -> Names.checkDns1123Subdomain(s).forEach(p ->
        problems.add(Problem.error(ref, "spec.storageClassName", "'" + s + "' " + p,
            "name an existing StorageClass such as 'csi-cinder-high-speed'"))));
    c.dataSource().ifPresent(d -> problems.addAll(DataSourceChecks.checkValue(c, d)));
    return problems;
  }

  /**
   * A named class must be in the spec or declared pre-existing (an error: a claim of a missing class stays
   * Pending). Without a class, the spec should declare a default class (the cluster may have one; a warning). A
   * fractional number of bytes is a warning, as the API server's. The data source, as {@link DataSourceChecks}.
   */
  public static List<Problem> check(VolumeClaimSpec c, SpecContext context) {
    List<Problem> problems = new ArrayList<>(classProblems(c, context));
    if (Quantities.isFractional(c.size())) {
      problems.add(Problem.warning(c.ref(), "spec.resources.requests.storage", "'" + c.size() + "' is a"
          + " fractional number of bytes, which the API server warns about", "ask for whole bytes, such as '1Gi'"));
    }
    c.dataSource().ifPresent(d -> problems.addAll(DataSourceChecks.check(c, d, context)));
    return problems;
  }

  private static List<Problem> classProblems(VolumeClaimSpec c, SpecContext context) {
    if (c.storageClass().filter(s -> !s.isEmpty()).isPresent()) {
      ResourceRef storageClass = ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", c.storageClass().get());
      if (context.find(storageClass).isPresent() || context.isPreExisting(storageClass)) return List.of();
      return List.of(Problem.error(c.ref(), "spec.storageClassName", "names " + storageClass + ", which is"
          + " neither in the spec nor declared pre-existing; the claim would stay Pending", "add a"
          + " StorageClassSpec, fix the name, or declare the class with preExistingResource(...)"));
    }
    if (c.storageClass().isPresent()) return List.of();
    boolean hasDefault = context.resources("storage.k8s.io", "StorageClass").stream()
        .anyMatch(StorageClassChecks::isDefault);
    if (hasDefault) return List.of();
    return List.of(Problem.warning(c.ref(), "spec.storageClassName", "names no StorageClass and the spec declares"
        + " no default class; the claim stays Pending unless the cluster has a default class",
        "name a class with storageClass(...), or mark one StorageClassSpec defaultClass(true)"));
  }
}
