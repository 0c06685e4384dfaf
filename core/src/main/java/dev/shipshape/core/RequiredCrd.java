package dev.shipshape.core;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * A CustomResourceDefinition a {@link Component} needs, such as Velero's {@code backups.velero.io} serving
 * {@code v1}. Planning warns when a required CRD is neither in the spec nor declared pre-existing
 * ({@code ClusterSpec.Builder#preExistingResource(RequiredCrd#ref())}); {@code
 * dev.shipshape.core.preflight.RequiredCrdsCheck} checks on a live cluster that it is installed, established and
 * serves the version.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RequiredCrd {

  /** The API group, such as {@code velero.io}. */
  @Value.Parameter
  public abstract String group();

  /** The kind, such as {@code Backup}. */
  @Value.Parameter
  public abstract String kind();

  /** The plural resource name, such as {@code backups}. */
  @Value.Parameter
  public abstract String plural();

  /** The version the component writes, such as {@code v1}; the CRD must serve it. */
  @Value.Parameter
  public abstract String version();

  public static RequiredCrd of(String group, String kind, String plural, String version) {
    return ImmutableRequiredCrd.of(group, kind, plural, version);
  }

  /** The CRD's name, {@code plural.group}, such as {@code backups.velero.io}. */
  public String name() {
    return plural() + "." + group();
  }

  /** The kind it defines, as {@code Kind.group}. */
  public String groupKind() {
    return kind() + "." + group();
  }

  /** The CRD object, to declare it pre-existing. */
  public ResourceRef ref() {
    return ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", name());
  }

  @Value.Check
  void check() {
    List<Problem> problems = new ArrayList<>();
    if (group().isBlank() || !group().contains(".")) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("group")
          .message("'" + group() + "' is not the group of a custom resource")
          .fix("use a DNS subdomain with a dot, such as velero.io").build());
    }
    if (kind().isBlank() || plural().isBlank() || version().isBlank()) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("kind, plural, version")
          .message("kind, plural and version must not be blank")
          .fix("give all three, such as Backup, backups, v1").build());
    }
    if (!problems.isEmpty()) throw new SpecValidationException("RequiredCrd " + name(), problems);
  }

  @Override
  public String toString() {
    return name() + " (" + groupKind() + " " + version() + ")";
  }
}
