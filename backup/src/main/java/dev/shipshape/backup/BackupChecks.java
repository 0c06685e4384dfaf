package dev.shipshape.backup;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.backup.internal.Coverage;
import dev.shipshape.backup.internal.OffCluster;
import dev.shipshape.backup.internal.Urls;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks a spec's backup configuration without a cluster: plans the spec (which runs every component's
 * validation, the backup components' included) and turns the problems into a {@link FindingReport} (rule {@code
 * backup-spec}). Combine it with a live check:
 *
 * <pre>{@code
 * FindingReport report = BackupChecks.validate(spec).plus(VeleroPreflight.against(client).run());
 * System.out.println(report.toText());
 * }</pre>
 */
public final class BackupChecks {
  private BackupChecks() {}

  /** Every problem of the spec as a finding, and a passing finding counting its Velero objects when valid. */
  public static FindingReport validate(ClusterSpec spec) {
    List<Finding> findings = new ArrayList<>();
    try {
      Plan plan = spec.plan();
      plan.warnings().forEach(p -> findings.add(Finding.of("backup-spec", p)));
      long velero = plan.resources().stream().filter(r -> r.ref().group().equals(Velero.GROUP)).count();
      findings.add(BackupFindings.pass("spec", "ClusterSpec " + spec.name(), "valid, with " + velero + " Velero "
          + (velero == 1 ? "object" : "objects")));
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> findings.add(Finding.of("backup-spec", p)));
    }
    return BackupFindings.report(findings);
  }

  /**
   * Namespaces among {@code objects} (a plan's, or a live cluster's) whose persistent volume claims, their own or
   * their StatefulSets' claim templates, no active Velero Schedule among {@code objects} backs up: one {@link
   * Severity#HIGH} finding of rule {@code backup-coverage} per namespace, naming the claims.
   */
  public static List<Finding> coverage(Collection<? extends HasMetadata> objects) {
    List<Finding> findings = new ArrayList<>();
    Coverage.uncovered(kind(objects, "", "PersistentVolumeClaim"), kind(objects, "apps", "StatefulSet"),
        kind(objects, Velero.GROUP, "Schedule"), ns -> true).forEach((ns, claims) -> findings.add(Finding.builder()
        .ruleId("backup-coverage").severity(BackupFindings.FAIL).addResources(Coverage.namespace(ns))
        .message(Coverage.message(claims)).remediation(Coverage.fix(ns)).build()));
    return findings;
  }

  /**
   * Whether {@code objects} keep backups off the cluster, rule {@code backup-off-cluster}: no
   * BackupStorageLocation at all is {@link Severity#HIGH}; a location whose S3 endpoint is a Service of the
   * cluster or a loopback address is HIGH when no location leaves the cluster, MEDIUM when another one does.
   */
  public static List<Finding> offCluster(Collection<? extends HasMetadata> objects) {
    List<HasMetadata> locations = kind(objects, Velero.GROUP, "BackupStorageLocation");
    String fix = "keep backups in object storage outside the cluster (another provider, region or site), such as"
        + " BackupStorageLocation.builder().s3Url(\"https://s3.example.com\")";
    if (locations.isEmpty()) {
      return List.of(Finding.builder().ruleId("backup-off-cluster").severity(BackupFindings.FAIL)
          .message("no Velero BackupStorageLocation: backups have nowhere outside the cluster to go")
          .remediation(fix).build());
    }
    List<Finding> findings = new ArrayList<>();
    boolean anyOff = locations.stream().anyMatch(l -> OffCluster.inClusterEndpoint(l).isEmpty());
    for (HasMetadata l : locations) {
      OffCluster.inClusterEndpoint(l).ifPresent(url -> findings.add(Finding.builder().ruleId("backup-off-cluster")
          .severity(anyOff ? Severity.MEDIUM : BackupFindings.FAIL).addResources(ResourceRef.of(l))
          .field("spec.config.s3Url").message("stores backups at " + Urls.redacted(url) + ", inside the cluster it"
              + " backs up: losing the cluster loses its backups"
              + (anyOff ? " (another location leaves the cluster)" : ""))
          .remediation(fix).build()));
    }
    return findings;
  }

  private static List<HasMetadata> kind(Collection<? extends HasMetadata> objects, String group, String kind) {
    Predicate<HasMetadata> match = o -> {
      ResourceRef ref = ResourceRef.of(o);
      return ref.group().equals(group) && ref.kind().equals(kind);
    };
    return objects.stream().filter(match).collect(Collectors.toList());
  }
}
