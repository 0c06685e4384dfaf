package dev.shipshape.networking.reach.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what reachability needs from a live cluster, read-only, with one list call per kind. A workload whose
 * pods (or ReplicaSets, or Jobs) are listed is dropped: its running objects stand for it, and keeping both would
 * count the same pods twice.
 */
public final class ClusterSnapshot {
  private ClusterSnapshot() {}

  /** Namespaces, Pods, workloads and NetworkPolicies of every namespace. */
  public static List<HasMetadata> read(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.namespaces().list().getItems());
    objects.addAll(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
    List<HasMetadata> running = new ArrayList<>();
    running.addAll(client.pods().inAnyNamespace().list().getItems());
    running.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    running.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    running.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    running.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    running.addAll(client.replicationControllers().inAnyNamespace().list().getItems());
    running.addAll(client.batch().v1().jobs().inAnyNamespace().list().getItems());
    running.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    Set<String> controllers = new HashSet<>();
    for (HasMetadata o : running) {
      for (OwnerReference owner : o.getMetadata().getOwnerReferences()) {
        if (Boolean.TRUE.equals(owner.getController())) {
          controllers.add(key(owner.getKind(), Topology.namespaceOf(o.getMetadata()), owner.getName()));
        }
      }
    }
    for (HasMetadata o : running) {
      if (!controllers.contains(key(o.getKind(), Topology.namespaceOf(o.getMetadata()), o.getMetadata().getName()))) {
        objects.add(o);
      }
    }
    return objects;
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}
