package dev.shipshape.security.audit;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.ManifestReader;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A security audit of Kubernetes objects: a plan before it is applied, manifests, or a live cluster (read-only).
 * Every rule has a stable id, a severity, a remediation and the ids of equivalent checks of Polaris, kube-linter,
 * kubescape and the CIS Kubernetes Benchmark ({@link #rules()}).
 *
 * <pre>{@code
 * FindingReport report = SecurityAudit.builder()
 *     .deprecationsFile(Path.of("versions.yaml"))   // Pluto's data; without it the SDK's bundled data
 *     .newestVersion("1.36")                       // the newest Kubernetes release, for the support window
 *     .failOn(Severity.MEDIUM)                     // by default HIGH
 *     .build()
 *     .run(plan);
 * System.out.print(report.toText());
 * report.throwIfFailed();
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class SecurityAudit {

  /** The Kubernetes version the objects are meant for; by default, the plan's or the live cluster's. */
  public abstract Optional<KubernetesVersion> targetVersion();

  /** The newest Kubernetes minor release; the supported window is it and the two before it. */
  public abstract Optional<KubernetesVersion> newestVersion();

  /** A data file of deprecated API versions in the format of Pluto's {@code versions.yaml}, read at run time. */
  public abstract Optional<Path> deprecationsFile();

  /** Only these rules, by id; empty for all. */
  public abstract Set<String> onlyRules();

  /** Rules left out, by id. */
  public abstract Set<String> excludedRules();

  /** The severity at and above which the report counts as failed; by default {@link Severity#HIGH}. */
  @Value.Default
  public Severity failOn() {
    return Severity.HIGH;
  }

  public static Builder builder() {
    return ImmutableSecurityAudit.builder();
  }

  /** Every rule of the audit, in report order, whether or not this configuration selects it. */
  public List<FindingRule> rules() {
    return catalog().stream().map(AuditRule::info).collect(Collectors.toList());
  }

  /** Audits a plan, for the plan's Kubernetes version unless {@link #targetVersion()} is set. */
  public FindingReport run(Plan plan) {
    List<HasMetadata> objects = plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList());
    return audit(objects, Optional.of(targetVersion().orElse(plan.kubernetesVersion())));
  }

  /** Audits objects, such as manifests read with {@code Manifests.read}. */
  public FindingReport run(List<? extends HasMetadata> objects) {
    return audit(objects, targetVersion());
  }

  /**
   * Audits the manifests of a file, or of every {@code .yaml}, {@code .yml} and {@code .json} file under a directory.
   * Documents are audited as written, also when they would not fit the typed models.
   */
  public FindingReport run(Path manifests) {
    return run(ManifestReader.strict().generic().read(manifests).objects());
  }

  /** Audits the manifests of a YAML or JSON text with one or more documents. */
  public FindingReport runYaml(String manifests) {
    return run(ManifestReader.strict().generic().parse(manifests, "manifest").objects());
  }

  /**
   * Audits a live cluster, read-only: one list call per kind the rules look at, and the server version as target
   * unless {@link #targetVersion()} is set. Pods owned by a controller are left to their controller.
   */
  public FindingReport runLive(KubernetesClient client) {
    Optional<KubernetesVersion> target = targetVersion().or(() -> LiveObjects.serverVersion(client));
    return audit(LiveObjects.read(client), target);
  }

  /**
   * The Kubernetes version a live cluster reports, as {@link #runLive} reads it when no target version is set
   * (managed clusters report minors such as {@code 33+}, read as 33). Empty when the server does not tell or
   * cannot be reached.
   */
  public static Optional<KubernetesVersion> serverVersion(KubernetesClient client) {
    return LiveObjects.serverVersion(client);
  }

  private List<AuditRule> catalog() {
    return RuleCatalog.rules(deprecationsFile(), newestVersion());
  }

  private FindingReport audit(List<? extends HasMetadata> objects, Optional<KubernetesVersion> target) {
    AuditInput input = new AuditInput(objects, target);
    FindingReport.Builder report = FindingReport.builder().check("audit").failOn(failOn());
    for (AuditRule rule : catalog()) {
      String id = rule.info().id();
      if ((!onlyRules().isEmpty() && !onlyRules().contains(id)) || excludedRules().contains(id)) continue;
      Optional<String> skip = rule.skipReason(input);
      if (skip.isPresent()) {
        report.addNotes(skip.get());
        continue;
      }
      AuditRule.Results results = rule.run(input);
      report.addRules(rule.info()).putChecked(id, results.appliedCount());
      report.addAllFindings(results.findings());
    }
    return report.build();
  }

  @Value.Check
  protected void check() {
    Set<String> known = rules().stream().map(FindingRule::id).collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(onlyRules());
    unknown.addAll(excludedRules());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("SecurityAudit: unknown rule ids " + unknown + " — use ids of"
          + " SecurityAudit.rules(): " + new TreeSet<>(known));
    }
  }

  /** Builds {@link SecurityAudit}s. */
  public sealed interface Builder permits ImmutableSecurityAudit.Builder {
    /** Starts from every attribute of {@code audit}. */
    Builder from(SecurityAudit audit);

    Builder targetVersion(KubernetesVersion version);

    /** The target version from text such as {@code 1.33}. */
    default Builder targetVersion(String version) {
      return targetVersion(KubernetesVersion.parse(version));
    }

    Builder newestVersion(KubernetesVersion version);

    /** The newest Kubernetes release from text such as {@code 1.36}. */
    default Builder newestVersion(String version) {
      return newestVersion(KubernetesVersion.parse(version));
    }

    Builder deprecationsFile(Path deprecationsFile);

    /** Runs only these rules. */
    default Builder only(String... ruleIds) {
      return generated().addOnlyRules(ruleIds);
    }

    /** Leaves these rules out. */
    default Builder exclude(String... ruleIds) {
      return generated().addExcludedRules(ruleIds);
    }

    Builder failOn(Severity failOn);

    SecurityAudit build();

    private ImmutableSecurityAudit.Builder generated() {
      return (ImmutableSecurityAudit.Builder) this;
    }
  }
}
