package dev.shipshape.testing.proofs;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the workloads of one namespace ready on a control plane without a scheduler or kubelet, through the
 * {@code status} subresource as the real components would: it marks every Pod the controllers created Running and
 * Ready (the kubelet's part), and the Deployment and ReplicaSet controllers then report the workloads available
 * themselves. Without kube-controller-manager no Pods appear; then it writes the workloads' status directly (the
 * controllers' part). Runs on its own thread until closed.
 */
final class KubeletStandIn implements AutoCloseable {
  private static final long NO_CONTROLLERS_AFTER_MILLIS = 5_000;

  private final KubernetesClient client;
  private final String namespace;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private KubeletStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.thread = new Thread(this::run, "kubelet-stand-in-" + namespace);
    thread.setDaemon(true);
  }

  static KubeletStandIn start(KubernetesClient client, String namespace) {
    KubeletStandIn standIn = new KubeletStandIn(client, namespace);
    standIn.thread.start();
    return standIn;
  }

  private void run() {
    long started = System.currentTimeMillis();
    while (running.get()) {
      try {
        boolean pods = markPodsReady();
        if (!pods && System.currentTimeMillis() - started > NO_CONTROLLERS_AFTER_MILLIS) writeWorkloadStatus();
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException e) {
        // A write raced with a controller's: the next round writes again.
      }
    }
  }

  /** True when the namespace has Pods (so controllers run). */
  private boolean markPodsReady() {
    var pods = client.pods().inNamespace(namespace).list().getItems();
    for (Pod pod : pods) {
      boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
          .getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      if (ready) continue;
      String now = Instant.now().toString();
      pod.getStatus().setPhase("Running");
      pod.getStatus().getConditions().removeIf(c -> c.getType().equals("Ready"));
      pod.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("True")
          .withLastTransitionTime(now).build());
      client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }
    return !pods.isEmpty();
  }

  private void writeWorkloadStatus() {
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
          .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
          .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
      client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }
    for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
      s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
          .withObservedGeneration(s.getMetadata().getGeneration()).withReplicas(replicas)
          .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
      client.apps().statefulSets().inNamespace(namespace).resource(s).updateStatus();
    }
  }

  /** Writes the status of a custom resource through its {@code status} subresource, as its controller would. */
  static void writeStatus(KubernetesClient client, GenericKubernetesResource object, Object status) {
    object.setAdditionalProperty("status", status);
    client.genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace(object.getMetadata().getNamespace()).resource(object).updateStatus();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.interrupt();
    thread.join(5_000);
  }
}
