package dev.shipshape.monitoring;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Alerts on the spec's persistent volume claims: the claims it declares, and those its StatefulSets' volume claim
 * templates create ({@code <template>-<statefulset>-<ordinal>}, "StatefulSets", Kubernetes documentation). Free
 * space comes from the kubelet's volume stats, shared by two alerts through a recording rule; claims stuck
 * {@code Pending} or {@code Lost} from kube-state-metrics.
 */
final class StorageAlerts {
  static final String FREE_RATIO = "namespace_persistentvolumeclaim:shipshape_volume_available:ratio";

  private StorageAlerts() {}

  static List<Rule> rules(Monitoring m, List<HasMetadata> objects) {
    Map<String, Set<String>> claims = claimPatterns(objects);
    if (claims.isEmpty()) return List.of();
    List<Rule> rules = new ArrayList<>();
    rules.add(Rules.record(FREE_RATIO, Rules.perNamespace(claims, "persistentvolumeclaim", matchers ->
        "kubelet_volume_stats_available_bytes{" + matchers + "} / kubelet_volume_stats_capacity_bytes{" + matchers
            + "}")));
    String runbook = "Find what grows (kubectl exec ... df -h, du); delete or compact data, or expand the claim"
        + " (its StorageClass needs allowVolumeExpansion: true); for databases, check retention and WAL settings.";
    rules.add(Rules.alert(m, Alert.PVC_FILLING_UP,
        FREE_RATIO + " < " + Rules.number(m.threshold(Alert.PVC_FILLING_UP)),
        "Volume of claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is filling up",
        "Only {{ $value | humanizePercentage }} of the volume is free.", runbook));
    rules.add(Rules.alert(m, Alert.PVC_ALMOST_FULL,
        FREE_RATIO + " < " + Rules.number(m.threshold(Alert.PVC_ALMOST_FULL)),
        "Volume of claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is almost full",
        "Only {{ $value | humanizePercentage }} of the volume is free; writes will soon fail.", runbook));
    rules.add(Rules.alert(m, Alert.PVC_STUCK,
        Rules.perNamespace(claims, "persistentvolumeclaim", matchers ->
            "kube_persistentvolumeclaim_status_phase{phase=~\"Pending|Lost\"," + matchers + "} == 1"),
        "Claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is {{ $labels.phase }}",
        "The claim has no usable volume, so the pods that mount it cannot start.",
        "Describe the claim: a Pending claim waits for a provisioner (check the StorageClass name and its"
            + " provisioner's logs), for a first consumer (WaitForFirstConsumer) or for a matching PersistentVolume;"
            + " a Lost claim's volume was deleted: restore it from a backup."));
    return rules;
  }

  /** Claim names by namespace, as regexes: declared names quoted, template claims with an ordinal pattern. */
  private static Map<String, Set<String>> claimPatterns(List<HasMetadata> objects) {
    Map<String, Set<String>> claims = new TreeMap<>();
    for (HasMetadata o : objects) {
      if ("PersistentVolumeClaim".equals(o.getKind()) && "v1".equals(o.getApiVersion())) {
        PersistentVolumeClaim claim = o instanceof PersistentVolumeClaim c ? c
            : Manifests.convert(o, PersistentVolumeClaim.class);
        claims.computeIfAbsent(Rules.namespaceOf(o), k -> new TreeSet<>())
            .add(claim.getMetadata().getName());
      } else if ("StatefulSet".equals(o.getKind()) && "apps/v1".equals(o.getApiVersion())) {
        StatefulSet set = o instanceof StatefulSet s ? s : Manifests.convert(o, StatefulSet.class);
        if (set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null) continue;
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
          claims.computeIfAbsent(Rules.namespaceOf(o), k -> new TreeSet<>())
              .add(template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-[0-9]+");
        }
      }
    }
    return claims;
  }
}
