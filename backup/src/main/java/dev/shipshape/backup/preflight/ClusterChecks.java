package dev.shipshape.backup.preflight;

import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.BackupStorageLocation;
import dev.shipshape.core.preflight.RequiredCrdsCheck;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The cluster side of the preflight: CRDs, Deployment, storage locations, schedules. Reads only. */
final class ClusterChecks {
  private static final String INSTALL = Velero.INSTALL;

  private final KubernetesClient client;
  private final String namespace;
  private final String deployment;
  private final Clock clock;
  private final Optional<Duration> maxBackupAge;

  ClusterChecks(KubernetesClient client, String namespace, String deployment, Clock clock,
      Optional<Duration> maxBackupAge) {
    this.client = client;
    this.namespace = namespace;
    this.deployment = deployment;
    this.clock = clock;
    this.maxBackupAge = maxBackupAge;
  }

  List<Finding> run() {
    List<Finding> findings = new ArrayList<>();
    boolean crdsReady = guarded("crds", "CustomResourceDefinitions", findings, () -> crds(findings));
    guarded("deployment", "Deployment " + namespace + "/" + deployment, findings, () -> deployment(findings));
    if (!crdsReady) return findings;
    guarded("storage-location", "BackupStorageLocations in " + namespace, findings, () -> locations(findings));
    guarded("schedule", "Schedules in " + namespace, findings,
        () -> new ScheduleFreshness(client, namespace, clock, maxBackupAge).check(findings));
    return findings;
  }

  /** Runs one check; an API error (unreachable, forbidden) becomes a failed finding. */
  private static boolean guarded(String check, String subject, List<Finding> findings, Check body) {
    try {
      return body.run();
    } catch (KubernetesClientException e) {
      findings.add(BackupFindings.fail(check, subject, "cannot read from the cluster: " + firstLine(e.getMessage()),
          "check the kubeconfig context and that the user may get and list " + subject));
      return false;
    }
  }

  private boolean crds(List<Finding> findings) {
    List<Finding> crds = RequiredCrdsCheck.of(Velero.CRDS, Velero.INSTALL).findings(client);
    findings.addAll(crds);
    return crds.stream().noneMatch(f -> f.severity().isAtLeast(BackupFindings.FAIL));
  }

  private boolean deployment(List<Finding> findings) {
    String subject = "Deployment " + namespace + "/" + deployment;
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    if (d == null) {
      findings.add(BackupFindings.fail("deployment", subject, "does not exist", INSTALL + ", or point the preflight at"
          + " Velero's namespace and Deployment name"));
      return false;
    }
    int wanted = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0
        : d.getStatus().getAvailableReplicas();
    Optional<DeploymentCondition> condition = d.getStatus() == null || d.getStatus().getConditions() == null
        ? Optional.empty()
        : d.getStatus().getConditions().stream().filter(c -> "Available".equals(c.getType())).findFirst();
    if (available >= 1 && condition.map(c -> "True".equals(c.getStatus())).orElse(false)) {
      findings.add(BackupFindings.pass("deployment", subject, "available (" + available + "/" + wanted + " replicas)"));
      return true;
    }
    findings.add(BackupFindings.fail("deployment", subject, "is not available (" + available + "/" + wanted
        + " replicas" + condition.map(c -> ", " + c.getReason() + ": " + c.getMessage()).orElse("") + ")",
        "kubectl -n " + namespace + " describe deployment " + deployment + " and kubectl -n " + namespace
            + " logs deploy/" + deployment + " show why its pods do not run"));
    return false;
  }

  private boolean locations(List<Finding> findings) {
    List<BackupStorageLocation> locations = new ArrayList<>(client.resources(BackupStorageLocation.class)
        .inNamespace(namespace).list().getItems());
    locations.sort(Comparator.comparing(l -> l.getMetadata().getName()));
    if (locations.isEmpty()) {
      findings.add(BackupFindings.fail("storage-location", "BackupStorageLocations in " + namespace, "there are none,"
          + " so Velero has nowhere to write backups", "add a BackupStorageLocation to the spec and apply it"));
      return false;
    }
    List<String> defaults = new ArrayList<>();
    for (BackupStorageLocation l : locations) {
      String subject = "BackupStorageLocation " + namespace + "/" + l.getMetadata().getName();
      if (l.getSpec() != null && Boolean.TRUE.equals(l.getSpec().isDefault())) defaults.add(l.getMetadata().getName());
      String phase = l.getStatus() == null ? null : l.getStatus().phase();
      if ("Available".equals(phase)) {
        findings.add(BackupFindings.pass("storage-location", subject, "Available"));
      } else if (phase == null) {
        findings.add(BackupFindings.warn("storage-location", subject, "has not been validated by Velero yet",
            "wait for Velero's next validation (every minute by default), then run the preflight again"));
      } else {
        String message = l.getStatus().message() == null ? "" : ": " + l.getStatus().message();
        findings.add(BackupFindings.fail("storage-location", subject, "phase is " + phase + message, "check the bucket,"
            + " region, s3Url and the credential Secret; the S3 probe of this preflight tells which one fails"));
      }
    }
    if (defaults.isEmpty()) {
      findings.add(BackupFindings.warn("storage-location", "BackupStorageLocations in " + namespace,
          "none is the default, so backups and schedules that name no location fail",
          "mark one with defaultLocation(true)"));
    } else if (defaults.size() > 1) {
      // Velero supports one default; with several, which one it takes depends on its version and server flags
      // (https://github.com/vmware-tanzu/velero/pull/6771).
      findings.add(BackupFindings.warn("storage-location", "BackupStorageLocations in " + namespace, String.join(", ",
          defaults) + " are all marked default, so where backups and schedules that name no location go depends on"
          + " Velero's version and server flags", "leave one marked default: velero backup-location set NAME"
          + " --default unmarks the others, or defaultLocation(true) on one location of the spec"));
    }
    return true;
  }

  static String firstLine(String message) {
    if (message == null) return "no message";
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A check that reads the cluster; true when what it checked is fine. */
  @FunctionalInterface
  private interface Check {
    boolean run();
  }
}
