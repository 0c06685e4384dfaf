package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.PeerAuthenticationRules;
import dev.shipshape.mesh.internal.IstioObjects;
import dev.shipshape.mesh.internal.MeshSpec;
import dev.shipshape.mesh.internal.MtlsConflictCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Mutual TLS between workloads as an Istio {@code PeerAuthentication}, mesh-wide (in the root namespace
 * {@code istio-system}), per namespace or per workload, with port-level exceptions:
 *
 * <pre>{@code
 * MutualTls.forNamespace("shop").strict();
 * MutualTls.forWorkload("shop", Map.of("app", "legacy")).strict().port(9090, MutualTls.Mode.PERMISSIVE);
 * }</pre>
 *
 * <p>Migration without downtime is two plans: first {@code permissive()} (sidecars accept plain text and mTLS)
 * while every client is enrolled in the mesh, then {@code strict()} once no plain-text client is left; see
 * https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/. Planning reports STRICT for a
 * namespace of the spec that is not enrolled in the mesh: the policy is enforced by the pods' sidecars, so pods
 * without one accept plain text whatever it says. It also checks the policy as Istio's validation does: port-level
 * modes only for a workload, ports from 1 to 65535, and pod labels without a wildcard or an empty key.
 */
public final class MutualTls implements Component {
  /** Istio's mTLS modes. */
  public enum Mode {
    /** Only mTLS. */
    STRICT,
    /** mTLS and plain text. */
    PERMISSIVE,
    /** No mTLS. */
    DISABLE,
    /** Inherit from the parent (namespace, then mesh). */
    UNSET
  }

  private final String namespace;
  private final Map<String, String> workload;
  private final Mode mode;
  private final Map<Integer, Mode> ports;
  private final String objectName;

  private MutualTls(String namespace, Map<String, String> workload, Mode mode, Map<Integer, Mode> ports,
      String objectName) {
    this.namespace = namespace;
    this.workload = workload;
    this.mode = mode;
    this.ports = ports;
    this.objectName = objectName;
  }

  /** The mesh-wide policy, in the root namespace {@code istio-system}. */
  public static MutualTls meshWide() {
    return new MutualTls(MeshSpec.ROOT_NAMESPACE, Map.of(), Mode.STRICT, Map.of(), "default");
  }

  /** The policy of one namespace. */
  public static MutualTls forNamespace(String namespace) {
    return new MutualTls(Objects.requireNonNull(namespace, "namespace == null"), Map.of(), Mode.STRICT, Map.of(),
        "default");
  }

  /**
   * The policy of the pods with these labels in a namespace, named {@code mtls-} and the label values (lower case,
   * other characters than letters, digits, '.' and '-' as '-', as object names allow).
   *
   * @throws IllegalArgumentException when no label is given: a policy without a selector is the namespace's
   */
  public static MutualTls forWorkload(String namespace, Map<String, String> podLabels) {
    Objects.requireNonNull(namespace, "namespace == null");
    Map<String, String> labels = IstioObjects.sortedLabels(Objects.requireNonNull(podLabels, "podLabels == null"));
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("MutualTls.forWorkload(\"" + namespace + "\", {}): no pod labels, so the "
          + "policy would select every pod of the namespace — use MutualTls.forNamespace(\"" + namespace + "\")");
    }
    String values = String.join("-", labels.values()).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9.-]", "-");
    return new MutualTls(namespace, labels, Mode.STRICT, Map.of(), "mtls-" + values);
  }

  /** Only mTLS. The default. */
  public MutualTls strict() {
    return new MutualTls(namespace, workload, Mode.STRICT, ports, objectName);
  }

  /** mTLS and plain text: the first step of a migration. */
  public MutualTls permissive() {
    return new MutualTls(namespace, workload, Mode.PERMISSIVE, ports, objectName);
  }

  /**
   * Any mode, such as {@link Mode#UNSET} for a workload that keeps its namespace's mode except on the ports given
   * with {@link #port(int, Mode)}, or {@link Mode#DISABLE}.
   */
  public MutualTls mode(Mode newMode) {
    return new MutualTls(namespace, workload, Objects.requireNonNull(newMode, "mode == null"), ports, objectName);
  }

  /**
   * Another mode for one port of the workload (Istio allows port-level modes only with a workload selector). The
   * port is the one the pods receive on, the targetPort of a Service port, not the Service's port: planning warns
   * when a Service port is given whose targetPort differs.
   */
  public MutualTls port(int port, Mode portMode) {
    Map<Integer, Mode> all = new LinkedHashMap<>(ports);
    all.put(port, Objects.requireNonNull(portMode, "mode == null"));
    return new MutualTls(namespace, workload, mode, Map.copyOf(all), objectName);
  }

  /** The mode for the selected workloads' ports, except those given with {@link #port(int, Mode)}. */
  public Mode mode() {
    return mode;
  }

  /** The namespace the PeerAuthentication is in ({@code istio-system} for the mesh-wide policy). */
  public String namespace() {
    return namespace;
  }

  @Override
  public String name() {
    return "mtls " + namespace + (workload.isEmpty() ? "" : "/" + objectName);
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of(IstioObjects.object(IstioObjects.SECURITY, "PeerAuthentication", namespace, objectName, spec()));
  }

  private ObjectNode spec() {
    ObjectNode spec = IstioObjects.node();
    if (!workload.isEmpty()) spec.putObject("selector").set("matchLabels", IstioObjects.labels(workload));
    spec.putObject("mtls").put("mode", mode.name());
    if (!ports.isEmpty()) {
      ObjectNode portLevel = spec.putObject("portLevelMtls");
      new TreeMap<>(ports).forEach((p, m) -> portLevel.putObject(String.valueOf(p)).put("mode", m.name()));
    }
    return spec;
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.PEER_AUTHENTICATIONS);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.SECURITY, "PeerAuthentication", namespace, objectName);
    PeerAuthenticationRules.check(spec(), (error, field, detail, fix) -> problems.add(
        error ? Problem.error(ref, field, detail, fix) : Problem.warning(ref, field, detail, fix)));
    if (!workload.isEmpty() && !ports.isEmpty()) {
      Map<Integer, String> modes = new LinkedHashMap<>();
      ports.forEach((p, m) -> modes.put(p, m.name()));
      problems.addAll(MtlsConflictCheck.servicePortsForPodPorts(context, ref, namespace, workload, modes));
    }
    // The mode in the plan, which an environment may have changed (MtlsOverride).
    String planned = context.find(ref).map(o -> dev.shipshape.core.Manifests.toTree(o).path("spec").path("mtls")
        .path("mode").asText(mode.name())).orElse(mode.name());
    // A PeerAuthentication is enforced by the receiving pod's proxy: pods without one accept plain text whatever
    // the mode, and clients' automatic mutual TLS sends them plain text
    // (https://istio.io/latest/docs/concepts/security/#auto-mutual-tls). STRICT there protects nothing.
    if (planned.equals(Mode.STRICT.name()) && !namespace.equals(MeshSpec.ROOT_NAMESPACE)
        && context.namespaceInSpec(namespace) && !MeshSpec.enrolled(context, namespace)) {
      List<String> outside = MeshSpec.outsideMesh(context, namespace, workload);
      boolean anySelected = MeshSpec.podTemplateLabels(context, namespace).stream()
          .anyMatch(labels -> MeshSpec.selects(workload, labels));
      if (!outside.isEmpty() || !anySelected) {
        problems.add(Problem.error(ref, "spec.mtls.mode",
            "STRICT mTLS in namespace " + namespace + ", which is not enrolled in the mesh: "
                + (outside.isEmpty() ? "its pods" : "the pods of " + outside) + " get no sidecar to enforce it, "
                + "so they accept plain text from any client",
            "enrol the namespace with MeshMembership.sidecar(\"" + namespace + "\") (or ambient), or use "
                + "permissive() while the namespace is outside the mesh"));
      }
    }
    return problems;
  }

  @Override
  public String toString() {
    return "MutualTls(" + namespace + (workload.isEmpty() ? "" : " " + workload) + " " + mode + ")";
  }
}
