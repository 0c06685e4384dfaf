package dev.shipshape.backup.preflight;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.backup.internal.BackupFindings;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.backup.Velero;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that Velero on a live cluster can take and keep backups:
 *
 * <ul>
 *   <li>its CRDs (Backup, Schedule, Restore, BackupStorageLocation, VolumeSnapshotLocation) exist, serve
 *       {@code v1} and are established;</li>
 *   <li>its Deployment is available;</li>
 *   <li>each BackupStorageLocation's phase is {@code Available}, and exactly one is the default;</li>
 *   <li>each Schedule is enabled and its newest backup did not fail, and the newest completed one is recent:
 *       younger than {@link #maxBackupAge} or, by default, twice the longest time between the schedule's runs;</li>
 *   <li>optionally, with {@link #s3}, that the object store is reachable with the given credentials.</li>
 * </ul>
 *
 * <p>Instances are immutable; each option returns a new instance. {@link #run()} reads the cluster (and the
 * store) once and never writes to the cluster; the S3 probe writes and deletes one small object.
 *
 * <pre>{@code
 * FindingReport report = VeleroPreflight.against(client).s3(S3Probe.forLocation(primary, credentials)).run();
 * }</pre>
 */
public final class VeleroPreflight {
  private final KubernetesClient client;
  private final String namespace;
  private final String deployment;
  private final Clock clock;
  private final Duration maxBackupAge;
  private final List<S3Probe> probes;

  private VeleroPreflight(KubernetesClient client, String namespace, String deployment, Clock clock,
      Duration maxBackupAge, List<S3Probe> probes) {
    this.client = client;
    this.namespace = namespace;
    this.deployment = deployment;
    this.clock = clock;
    this.maxBackupAge = maxBackupAge;
    this.probes = List.copyOf(probes);
  }

  /** A preflight of the Velero in namespace {@code velero}, Deployment {@code velero}, on the system clock. */
  public static VeleroPreflight against(KubernetesClient client) {
    return new VeleroPreflight(Objects.requireNonNull(client, "client == null"), Velero.DEFAULT_NAMESPACE,
        "velero", Clock.systemUTC(), null, List.of());
  }

  /** The namespace Velero runs in. */
  public VeleroPreflight namespace(String namespace) {
    return new VeleroPreflight(client, Objects.requireNonNull(namespace, "namespace == null"), deployment, clock,
        maxBackupAge, probes);
  }

  /** The name of Velero's Deployment. By default, {@code velero}. */
  public VeleroPreflight deployment(String name) {
    return new VeleroPreflight(client, namespace, Objects.requireNonNull(name, "name == null"), clock,
        maxBackupAge, probes);
  }

  /** The clock that "recent" is measured with. By default, the system's. */
  public VeleroPreflight clock(Clock clock) {
    return new VeleroPreflight(client, namespace, deployment, Objects.requireNonNull(clock, "clock == null"),
        maxBackupAge, probes);
  }

  /** The greatest age of a schedule's newest completed backup that still passes, for every schedule. */
  public VeleroPreflight maxBackupAge(Duration age) {
    return new VeleroPreflight(client, namespace, deployment, clock, Objects.requireNonNull(age, "age == null"),
        probes);
  }

  /** Also probes this object store. */
  public VeleroPreflight s3(S3Probe probe) {
    List<S3Probe> all = new ArrayList<>(probes);
    all.add(Objects.requireNonNull(probe, "probe == null"));
    return new VeleroPreflight(client, namespace, deployment, clock, maxBackupAge, all);
  }

  /** Runs every check; failures to reach the cluster become failed findings, never exceptions. */
  public FindingReport run() {
    List<Finding> findings = new ArrayList<>(
        new ClusterChecks(client, namespace, deployment, clock, Optional.ofNullable(maxBackupAge)).run());
    for (S3Probe probe : probes) findings.addAll(S3Checks.run(probe));
    return BackupFindings.report(findings);
  }
}
