package dev.shipshape.mesh;

import dev.shipshape.core.Amendment;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enrols namespaces of the spec in the mesh by labelling them, through an amendment on the Namespaces the spec
 * creates (it compiles no object of its own):
 *
 * <pre>{@code
 * MeshMembership.sidecar("shop", "billing");          // istio-injection=enabled
 * MeshMembership.revision("1-24", "shop");            // istio.io/rev=1-24, for a revisioned control plane
 * MeshMembership.ambient("shop");                     // istio.io/dataplane-mode=ambient
 * }</pre>
 *
 * Istio reads one of these labels per namespace; see
 * https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/. Injection happens when pods are created,
 * so running pods keep their state until restarted.
 */
public final class MeshMembership implements Component {
  /** The sidecar injection label. */
  public static final String INJECTION_LABEL = "istio-injection";
  /** The revision label. */
  public static final String REVISION_LABEL = "istio.io/rev";
  /** The ambient data plane label. */
  public static final String DATAPLANE_MODE_LABEL = "istio.io/dataplane-mode";

  private final List<String> namespaces;
  private final String label;
  private final String value;

  private MeshMembership(List<String> namespaces, String label, String value) {
    this.namespaces = namespaces;
    this.label = label;
    this.value = value;
  }

  /** Sidecar injection by the default control plane. */
  public static MeshMembership sidecar(String... namespaces) {
    return new MeshMembership(list(namespaces), INJECTION_LABEL, "enabled");
  }

  /** Sidecar injection by the control plane of a revision. */
  public static MeshMembership revision(String revision, String... namespaces) {
    return new MeshMembership(list(namespaces), REVISION_LABEL, Objects.requireNonNull(revision, "revision == null"));
  }

  /** The ambient data plane (ztunnel and waypoints) instead of sidecars. */
  public static MeshMembership ambient(String... namespaces) {
    return new MeshMembership(list(namespaces), DATAPLANE_MODE_LABEL, "ambient");
  }

  private static List<String> list(String... namespaces) {
    for (String ns : namespaces) Objects.requireNonNull(ns, "namespace == null");
    return List.copyOf(new LinkedHashSet<>(List.of(namespaces)));
  }

  public List<String> namespaces() {
    return namespaces;
  }

  /** The label and value it sets, such as {@code istio-injection=enabled}. */
  public Map<String, String> label() {
    return Map.of(label, value);
  }

  @Override
  public String name() {
    return "mesh-membership-" + value;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of();
  }

  @Override
  public List<Amendment> amendments() {
    return List.of(Amendment.builder()
        .description("mesh membership (" + label + "=" + value + ") of " + namespaces)
        .target(Amendment.namespacesNamed(namespaces))
        .putLabels(label, value)
        .build());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    if (namespaces.isEmpty()) {
      problems.add(Problem.error(ResourceRef.clusterScoped("", "Namespace", ""), "namespaces",
          "MeshMembership names no namespace", "name the namespaces to enrol"));
    }
    for (String ns : namespaces) {
      if (context.namespaceInSpec(ns)) continue;
      problems.add(Problem.error(ResourceRef.clusterScoped("", "Namespace", ns), "metadata.labels",
          "namespace " + ns + " is not created by the spec, so it cannot be labelled " + label + "=" + value,
          "add the Namespace to the spec, or label it on the cluster yourself"));
    }
    return problems;
  }

  @Override
  public String toString() {
    return "MeshMembership(" + label + "=" + value + " " + namespaces + ")";
  }
}
