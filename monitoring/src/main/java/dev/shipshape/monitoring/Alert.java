package dev.shipshape.monitoring;

import dev.shipshape.networking.proxy.KubeProxyAdvisor;
import java.util.Optional;

/**
 * The alerts that {@link Monitoring} generates, each for a pitfall the spec can run into, with its default
 * threshold and {@code for} duration; both can be overridden per alert with {@link Monitoring.Builder#threshold}
 * and {@link Monitoring.Builder#forDuration}. An alert is generated only when the spec contains what it watches
 * (Deployments for {@link #DEPLOYMENT_UNAVAILABLE}, Velero Schedules for the backup alerts, and so on); the
 * control-plane alerts (API server, etcd) are generated unless turned off.
 *
 * <p>Metrics come from kube-state-metrics (workload and claim state), the kubelet's cAdvisor and volume stats,
 * Velero's server, cert-manager's controller, kube-proxy, the API server and etcd.
 */
public enum Alert {
  DEPLOYMENT_UNAVAILABLE("ShipshapeDeploymentUnavailable", "warning", 0, "15m",
      "replicas of a Deployment unavailable beyond the threshold"),
  STATEFULSET_UNAVAILABLE("ShipshapeStatefulSetUnavailable", "warning", 0, "15m",
      "replicas of a StatefulSet not ready beyond the threshold"),
  DAEMONSET_UNAVAILABLE("ShipshapeDaemonSetUnavailable", "warning", 0, "15m",
      "nodes where a DaemonSet's pod is unavailable beyond the threshold"),
  CONTAINER_CRASH_LOOPING("ShipshapeContainerCrashLooping", "warning", Double.NaN, "15m",
      "a container waiting in CrashLoopBackOff"),
  CONTAINER_OOM_KILLED("ShipshapeContainerOomKilled", "warning", Double.NaN, "0s",
      "a container restarted after its memory limit killed it"),
  CPU_THROTTLED("ShipshapeContainerCpuThrottled", "info", 0.25, "15m",
      "the share of CFS periods in which a container with a CPU limit was throttled"),
  PVC_FILLING_UP("ShipshapePersistentVolumeClaimFillingUp", "warning", 0.15, "5m",
      "the free share of a claim's volume below the threshold"),
  PVC_ALMOST_FULL("ShipshapePersistentVolumeClaimAlmostFull", "critical", 0.05, "1m",
      "the free share of a claim's volume below the threshold"),
  PVC_STUCK("ShipshapePersistentVolumeClaimStuck", "warning", Double.NaN, "15m",
      "a claim Pending (no volume bound) or Lost (its volume is gone)"),
  VELERO_BACKUP_FAILED("ShipshapeVeleroBackupFailed", "critical", Double.NaN, "0s",
      "a scheduled Velero backup failed in the last hour"),
  VELERO_BACKUP_PARTIALLY_FAILED("ShipshapeVeleroBackupPartiallyFailed", "warning", Double.NaN, "0s",
      "a scheduled Velero backup partially failed in the last hour"),
  VELERO_BACKUP_MISSING("ShipshapeVeleroBackupMissing", "critical", 3600, "0s",
      "seconds of tolerance added to a schedule's longest interval before its last success counts as missing"),
  CERTIFICATE_EXPIRING("ShipshapeCertificateExpiring", "warning", 14, "1h",
      "days before a cert-manager Certificate expires"),
  CERTIFICATE_NOT_READY("ShipshapeCertificateNotReady", "warning", Double.NaN, "10m",
      "a cert-manager Certificate whose Ready condition is False"),
  KUBE_PROXY_SYNC_SLOW("ShipshapeKubeProxySyncSlow", "warning", 1, "15m",
      "seconds of kube-proxy's 99th percentile rule sync"),
  KUBE_PROXY_RULES_HIGH("ShipshapeKubeProxyIptablesRulesHigh", "warning", KubeProxyAdvisor.LARGE_RULE_COUNT,
      "1h",
      "iptables rules kube-proxy writes, from which the networking module advises another mode"),
  APISERVER_ERRORS("ShipshapeApiServerErrors", "warning", 0.05, "10m",
      "the share of API server requests answered with a 5xx code"),
  ETCD_DATABASE_SIZE("ShipshapeEtcdDatabaseNearQuota", "warning", 0.8, "10m",
      "the share of etcd's backend quota its database uses"),
  ETCD_LEADER_CHANGES("ShipshapeEtcdFrequentLeaderChanges", "warning", 3, "5m",
      "etcd leader changes within an hour");

  private final String alertName;
  private final String severity;
  private final double defaultThreshold;
  private final String defaultFor;
  private final String thresholdMeaning;

  Alert(String alertName, String severity, double defaultThreshold, String defaultFor, String thresholdMeaning) {
    this.alertName = alertName;
    this.severity = severity;
    this.defaultThreshold = defaultThreshold;
    this.defaultFor = defaultFor;
    this.thresholdMeaning = thresholdMeaning;
  }

  /** The {@code alert} name in the rule, such as {@code ShipshapeVeleroBackupMissing}. */
  public String alertName() {
    return alertName;
  }

  /** The {@code severity} label: {@code critical}, {@code warning} or {@code info}. */
  public String severity() {
    return severity;
  }

  /** The default threshold; empty for alerts that have none (a state, not a level). */
  public Optional<Double> defaultThreshold() {
    return Double.isNaN(defaultThreshold) ? Optional.empty() : Optional.of(defaultThreshold);
  }

  /** The default {@code for} duration, in Prometheus' syntax. */
  public String defaultFor() {
    return defaultFor;
  }

  /** What the threshold measures, or what the alert watches when it has none. */
  public String thresholdMeaning() {
    return thresholdMeaning;
  }
}
