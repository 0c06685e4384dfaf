package dev.shipshape.readiness;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.cluster.ClusterProfileDetector;
import dev.shipshape.core.cluster.ProfileDetection;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.versions.SupportWindow;
import dev.shipshape.security.audit.SecurityAudit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The gaps between a laptop setup and production, of a spec or of a live cluster (read-only), grouped by {@link
 * Pitfall} with a score each: single replicas without a PodDisruptionBudget, replicas not spread, missing requests,
 * limits and probes, mutable image tags, namespaces without default deny, over-broad RBAC, claims without backup
 * schedules, no backup location off the cluster, etcd without encryption at rest, an API server without an audit
 * log (or with a policy that does not log Secret reads, RBAC changes or exec into pods), kube-proxy in iptables
 * mode at a size where nftables or IPVS is advised, no alerts on what is provisioned, a Kubernetes version outside
 * the supported window, deprecated or removed APIs, and (live) add-on versions other than the spec expects.
 *
 * <p>Where another module already checks a pitfall, its check runs: the security audit's rules (under their own
 * ids and equivalents), the backup module's coverage and location checks, the networking module's kube-proxy
 * advisor, the security module's {@code EncryptionConfiguration} and {@code AuditPolicy}.
 *
 * <pre>{@code
 * ReadinessReport report = ProductionReadiness.builder().build().check(spec);
 * System.out.print(report.toText());
 * report.failingAt(Severity.HIGH).findings().throwIfFailed();
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ProductionReadiness {

  /** The newest Kubernetes minor version; the supported window is it and the two before. By default, the SDK's. */
  @Value.Default
  public KubernetesVersion newestVersion() {
    return SupportWindow.NEWEST_KNOWN;
  }

  /**
   * Add-on versions expected on a live cluster, such as Velero {@code 1.16}; they win over the versions the
   * spec's own Deployments show. A version with fewer parts matches every version that starts with it.
   */
  public abstract Map<AddOn, String> expectedVersions();

  public static Builder builder() {
    return ImmutableProductionReadiness.builder();
  }

  /** Every rule, in pitfall order, whichever input it applies to. */
  public List<FindingRule> rules() {
    return Checks.rules();
  }

  /**
   * Checks a spec: plans it and looks at its objects, its target version and its components.
   *
   * @throws SpecValidationException when the spec does not plan
   */
  public ReadinessReport check(ClusterSpec spec) {
    return check(spec, spec.plan());
  }

  /** Checks a plan of {@code spec}, such as the plan of one of its environments, with the spec's components. */
  public ReadinessReport check(ClusterSpec spec, Plan plan) {
    return run(ReadinessInput.ofSpec(objects(plan), plan.kubernetesVersion(), spec.components(),
        spec.clusterProfile()), new Outcome());
  }

  /**
   * Checks a plan without its spec; what only the spec's components show (the API server's encryption
   * configuration and audit policy) is noted as not checked.
   */
  public ReadinessReport check(Plan plan) {
    return run(ReadinessInput.ofPlan(objects(plan), plan.kubernetesVersion()), new Outcome());
  }

  /**
   * Checks a live cluster, read-only (one list call per kind), for the server's version, and compares the add-ons
   * it recognises with {@link #expectedVersions()} (without one, an add-on's version is reported as INFO). The
   * cluster's profile is detected ({@code ClusterProfileDetector}): on a managed cluster, etcd encryption, audit
   * logs and kube-proxy's mode are reported with what to set on the provider's side.
   */
  public ReadinessReport checkLive(KubernetesClient client) {
    return live(client, Map.of());
  }

  /**
   * Checks a live cluster as {@link #checkLive(KubernetesClient)}, expecting the add-on versions that the plan's
   * own Deployments of them show, unless {@link #expectedVersions()} names another.
   */
  public ReadinessReport checkLive(KubernetesClient client, Plan expected) {
    Map<AddOn, String> versions = new EnumMap<>(AddOn.class);
    AddOnVersions.find(objects(expected)).forEach((a, found) -> versions.put(a, found.version));
    return live(client, versions);
  }

  private ReadinessReport live(KubernetesClient client, Map<AddOn, String> fromSpec) {
    Map<AddOn, String> expected = new EnumMap<>(AddOn.class);
    expected.putAll(fromSpec);
    expected.putAll(expectedVersions());
    LiveReader reader = LiveReader.read(client);
    Outcome out = new Outcome();
    reader.notes().forEach(out::note);
    Optional<KubernetesVersion> server = SecurityAudit.serverVersion(client);
    if (server.isEmpty()) out.note("the server did not tell its version: the support window is checked against "
        + newestVersion());
    AddOnVersions.compare(AddOnVersions.find(reader.objects()), expected, out);
    ProfileDetection detection = ClusterProfileDetector.detect(client);
    detection.profile().ifPresent(p -> out.note("the cluster runs on " + p.displayName() + " ("
        + String.join("; ", detection.evidence()) + ")"));
    return run(ReadinessInput.ofLive(reader.objects(), server.orElse(newestVersion()), detection.profile()), out);
  }

  private ReadinessReport run(ReadinessInput input, Outcome out) {
    return ReadinessReport.of(Checks.run(input, newestVersion(), out));
  }

  private static List<HasMetadata> objects(Plan plan) {
    return plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList());
  }

  @Value.Check
  protected void check() {
    List<String> problems = new ArrayList<>();
    expectedVersions().forEach((addOn, version) -> {
      if (AddOnVersions.version(version).filter(v -> v.equals(version.trim().replaceFirst("^v", ""))).isEmpty()) {
        problems.add("ProductionReadiness expectedVersions." + addOn.id() + ": '" + version + "' is not a version"
            + " such as 1.16 or 1.16.2 — give the add-on's release number");
      }
    });
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
  }

  /** Builds a {@link ProductionReadiness}; every attribute has a default. */
  public interface Builder {
    Builder newestVersion(KubernetesVersion newest);

    /** Expects {@code version} of {@code addOn} on a live cluster. */
    Builder putExpectedVersions(AddOn addOn, String version);

    Builder putAllExpectedVersions(Map<AddOn, ? extends String> versions);

    ProductionReadiness build();
  }
}
