package dev.shipshape.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A clone of a claim that a StatefulSet creates, and a snapshot of such a claim with a claim restored from it, applied
 * by the executor on a real API server and controller-manager in the order the plan gives: the StatefulSet first,
 * whose controller creates the claims, and the clone, or the snapshot, only once the StatefulSet is ready. Without a
 * scheduler, kubelet, CSI provisioner or snapshot controller, a stand-in does their part: it marks the pods Running
 * and Ready (the StatefulSet controller then reports the StatefulSet ready itself) and a snapshot ready to use. The
 * claims stay Pending; the server accepts every object as the spec compiles it.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class StatefulSetClaimOrderOnRealServerTest {
  private static final String CLASS = "storage-stateful-order";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** The claims of namespace {@code ns} that exist when the executor starts writing each object, and each gate. */
  private static final class Order implements ApplyListener {
    private final KubernetesClient client;
    private final String ns;
    private final List<String> lines = new ArrayList<>();

    Order(KubernetesClient client, String ns) {
      this.client = client;
      this.ns = ns;
    }

    @Override
    public synchronized void resourceStart(PlannedResource resource) {
      if (!resource.ref().namespace().equals(Optional.of(ns))) return;
      TreeSet<String> claims = client.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
          .map(c -> c.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
      lines.add("write " + resource.ref().kind() + " " + resource.ref().name() + " with claims " + claims);
    }

    @Override
    public synchronized void waitEnd(Gate gate, ConditionResult result) {
      if (gate.target().namespace().equals(Optional.of(ns))) lines.add("open " + gate);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }

  /**
   * Marks every pod of the namespace Running and Ready, as a kubelet would once its volumes are mounted, and every
   * VolumeSnapshot ready to use, as the snapshot controller would once it took the snapshot; until closed.
   */
  private static final class StandIn implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    StandIn(KubernetesClient client, String ns) {
      thread = new Thread(() -> {
        while (running.get()) {
          try {
            markPodsReady(client, ns);
            markSnapshotsReady(client, ns);
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          } catch (KubernetesClientException e) {
            // A write raced with a controller's, or the snapshot kind is not served: the next round tries again.
          }
        }
      }, "stand-in-" + ns);
      thread.setDaemon(true);
      thread.start();
    }

    private static void markPodsReady(KubernetesClient client, String ns) {
      for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
        if ("Running".equals(pod.getStatus().getPhase())) continue;
        pod.getStatus().setPhase("Running");
        pod.getStatus().getConditions().removeIf(c -> c.getType().equals("Ready"));
        pod.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("True")
            .withLastTransitionTime(Instant.now().toString()).build());
        client.pods().inNamespace(ns).resource(pod).updateStatus();
      }
    }

    private static void markSnapshotsReady(KubernetesClient client, String ns) {
      var snapshots = client.genericKubernetesResources(VolumeSnapshotSpec.GROUP + "/v1", "VolumeSnapshot")
          .inNamespace(ns);
      for (GenericKubernetesResource snapshot : snapshots.list().getItems()) {
        if (snapshot.getAdditionalProperties().containsKey("status")) continue;
        snapshot.setAdditionalProperty("status", Map.of("readyToUse", true));
        snapshots.resource(snapshot).updateStatus();
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.interrupt();
      thread.join(5_000);
    }
  }

  private static StatefulSet db(String ns) {
    StatefulSet set = StatefulSetClaimSourcesTest.db(2, null);
    set.getMetadata().setNamespace(ns);
    set.getSpec().setPodManagementPolicy("Parallel");
    set.getSpec().getVolumeClaimTemplates().get(0).getSpec().setStorageClassName(CLASS);
    return set;
  }

  private static VolumeClaimSpec.Builder claim(String ns, String name) {
    return VolumeClaimSpec.builder().namespace(ns).name(name).size("20Gi").storageClass(CLASS);
  }

  private static StorageClassSpec storageClass() {
    return StorageClassSpec.builder().name(CLASS).provisioner(StorageFixtures.CINDER).build();
  }

  private static ApplyReport apply(KubernetesClient client, Plan plan, Order order) throws InterruptedException {
    try (StandIn standIn = new StandIn(client, order.ns)) {
      return KubernetesExecutor.builder(client).timeout(TIMEOUT).build()
          .apply(plan, ApplyOptions.builder().listener(order).build());
    }
  }

  @Test
  void theCloneIsWrittenOnceTheStatefulSetIsReadyAndItsControllerCreatedTheSource(KubernetesClient client)
      throws InterruptedException {
    String ns = "storage-stateful-clone";
    TestNamespaces.create(client, ns);
    VolumeClaimSpec clone = claim(ns, "copy").cloneFromStatefulSetClaim("db", "data", 1).build();
    Plan plan = ClusterSpec.builder().name("stateful-clone").preExistingNamespace(ns)
        .component(storageClass(), claim(ns, "scratch").build(), clone).resource(db(ns)).build().plan();
    Order order = new Order(client, ns);
    try {
      ApplyReport report = apply(client, plan, order);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
      assertThat(order.lines()).containsExactly("write PersistentVolumeClaim scratch with claims []",
          "write StatefulSet db with claims [scratch]", "open StatefulSet.apps " + ns + "/db to be ready",
          "write PersistentVolumeClaim copy with claims [data-db-0, data-db-1, scratch]");
      PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ns).withName("copy").get();
      assertThat(live.getSpec().getDataSourceRef().getName()).isEqualTo("data-db-1");
      assertThat(live.getSpec().getDataSource().getKind()).isEqualTo("PersistentVolumeClaim");
    } finally {
      client.storage().v1().storageClasses().withName(CLASS).delete();
    }
  }

  @Test
  void theSnapshotIsWrittenOnceTheStatefulSetIsReadyAndTheRestoredClaimOnceTheSnapshotIsReadyToUse(
      KubernetesClient client) throws InterruptedException {
    Path crds = SharedData.require("k8s-reference/crds/snapshot");
    CustomResourceDefinitions.install(client, crds);
    String ns = "storage-stateful-restore";
    TestNamespaces.create(client, ns);
    VolumeSnapshotSpec snapshot = VolumeSnapshotSpec.builder().name("snap").namespace(ns)
        .statefulSetClaim("db", "data", 0).build();
    VolumeClaimSpec restored = claim(ns, "restored").restoreFrom(snapshot).build();
    Plan plan = ClusterSpec.builder().name("stateful-restore").preExistingNamespace(ns)
        .preExistingResource(VolumeSnapshotSpec.snapshotCrds().toArray(ResourceRef[]::new))
        .component(storageClass(), snapshot, restored).resource(db(ns)).build().plan();
    Order order = new Order(client, ns);
    try {
      ApplyReport report = apply(client, plan, order);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
      assertThat(order.lines()).containsExactly("write StatefulSet db with claims []",
          "open StatefulSet.apps " + ns + "/db to be ready",
          "write VolumeSnapshot snap with claims [data-db-0, data-db-1]",
          "open VolumeSnapshot.snapshot.storage.k8s.io " + ns + "/snap to be ready to use",
          "write PersistentVolumeClaim restored with claims [data-db-0, data-db-1]");
      PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ns).withName("restored").get();
      assertThat(live.getSpec().getDataSourceRef().getName()).isEqualTo("snap");
      assertThat(live.getSpec().getDataSource().getApiGroup()).isEqualTo(VolumeSnapshotSpec.GROUP);
    } finally {
      client.storage().v1().storageClasses().withName(CLASS).delete();
    }
  }
}
