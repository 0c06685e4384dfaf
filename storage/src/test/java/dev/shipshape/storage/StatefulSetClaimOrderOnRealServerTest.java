package dev.shipshape.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
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
 * whose controller creates the claims, and the clone, or the snapshot, once the claim it names is Bound. No pod ever
 * becomes ready (no scheduler or kubelet runs), so the StatefulSet never does: the apply goes on all the same, while
 * a clone ordered after the StatefulSet ready, the rule before claims made by a controller could be awaited, times
 * out. The claim is bound by kube-controller-manager's PersistentVolume controller, to a PersistentVolume made for
 * it beforehand ({@code spec.claimRef}) of a StorageClass with {@code volumeBindingMode: Immediate}, which binds
 * without a pod (<a href=
 * "https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reserving-a-persistentvolume">Reserving a
 * PersistentVolume</a>). Without a snapshot controller, a stand-in marks a VolumeSnapshot ready to use.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class StatefulSetClaimOrderOnRealServerTest {
  private static final String CLASS = "storage-stateful-order";
  /** Far longer than the binding takes (under a second): the new rule's gates open well within it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Long enough for the StatefulSet's pods to have become ready, were there a scheduler and kubelet. */
  private static final Duration OLD_RULE_TIMEOUT = Duration.ofSeconds(3);

  /** The claims of namespace {@code ns} that are Bound when the executor starts writing each object, and each gate. */
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
      TreeSet<String> bound = client.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
          .filter(c -> c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()))
          .map(c -> c.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
      lines.add("write " + resource.ref().kind() + " " + resource.ref().name() + " with Bound claims " + bound);
    }

    @Override
    public synchronized void waitEnd(Gate gate, ConditionResult result) {
      if (gate.target().namespace().equals(Optional.of(ns))) lines.add("open " + gate);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }
  }

  /** Marks every VolumeSnapshot of the namespace ready to use, as the snapshot controller would; until closed. */
  private static final class SnapshotStandIn implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    SnapshotStandIn(KubernetesClient client, String ns) {
      thread = new Thread(() -> {
        var snapshots = client.genericKubernetesResources(VolumeSnapshotSpec.GROUP + "/v1", "VolumeSnapshot")
            .inNamespace(ns);
        while (running.get()) {
          try {
            for (GenericKubernetesResource snapshot : snapshots.list().getItems()) {
              if (snapshot.getAdditionalProperties().containsKey("status")) continue;
              snapshot.setAdditionalProperty("status", Map.of("readyToUse", true));
              snapshots.resource(snapshot).updateStatus();
            }
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          } catch (KubernetesClientException e) {
            // A write raced with another, or the snapshot kind is not served yet: the next round tries again.
          }
        }
      }, "snapshot-stand-in-" + ns);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.interrupt();
      thread.join(5_000);
    }
  }

  /**
   * Two replicas, created in parallel: claims data-db-0 and data-db-1, of which only one gets a volume. Parallel,
   * because under the default podManagementPolicy OrderedReady the controller makes pod db-1, and its claim
   * data-db-1, only once pod db-0 is Running and Ready, which it never is here (no scheduler or kubelet runs): the
   * plan warns of it, and only ordinal 0 would be made.
   */
  private static StatefulSet db(String ns) {
    StatefulSet set = StatefulSetClaimSourcesTest.db(2, null);
    set.getMetadata().setNamespace(ns);
    set.getSpec().setPodManagementPolicy("Parallel");
    set.getSpec().getVolumeClaimTemplates().get(0).getSpec().setStorageClassName(CLASS);
    return set;
  }

  private static ResourceRef dbRef(String ns) {
    return ResourceRef.namespaced("apps", "StatefulSet", ns, "db");
  }

  private static VolumeClaimSpec.Builder claim(String ns, String name) {
    return VolumeClaimSpec.builder().namespace(ns).name(name).size("20Gi").storageClass(CLASS);
  }

  /** Binds on creation, with no provisioner: only a volume made beforehand binds a claim. */
  private static StorageClassSpec storageClass() {
    return StorageClassSpec.builder().name(CLASS).provisioner(StorageFixtures.CINDER)
        .volumeBindingMode(VolumeBindingMode.IMMEDIATE).build();
  }

  /** A volume reserved for claim {@code claim} of {@code ns}; its name, to delete it. */
  private static String reserveVolume(KubernetesClient client, String ns, String claim) {
    String name = ns + "-" + claim;
    client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withStorageClassName(CLASS).addToCapacity("storage", new Quantity("20Gi"))
        .withAccessModes("ReadWriteOnce").withNewHostPath().withPath("/data/" + name).endHostPath()
        .withNewClaimRef().withNamespace(ns).withName(claim).endClaimRef().endSpec().build()).create();
    return name;
  }

  private static ApplyReport apply(KubernetesClient client, Plan plan, Order order, Duration timeout) {
    return KubernetesExecutor.builder(client).timeout(timeout).build()
        .apply(plan, ApplyOptions.builder().listener(order).build());
  }

  /** The StatefulSet, as the apply leaves it: never ready, its pods never scheduled. */
  private static void assertNeverReady(KubernetesClient client, String ns) {
    StatefulSet live = client.apps().statefulSets().inNamespace(ns).withName("db").get();
    assertThat(Conditions.replicasReady("StatefulSet").evaluate(live).isMet()).isFalse();
    assertThat(client.pods().inNamespace(ns).list().getItems()).allSatisfy(pod ->
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending"));
  }

  @Test
  void theCloneIsWrittenOnceItsSourceIsBoundThoughTheStatefulSetNeverBecomesReady(KubernetesClient client) {
    String ns = "storage-stateful-clone";
    TestNamespaces.create(client, ns);
    String volume = reserveVolume(client, ns, "data-db-1");
    VolumeClaimSpec clone = claim(ns, "copy").cloneFromStatefulSetClaim("db", "data", 1).build();
    Plan plan = ClusterSpec.builder().name("stateful-clone").preExistingNamespace(ns)
        .component(storageClass(), claim(ns, "scratch").build(), clone).resource(db(ns)).build().plan();
    Order order = new Order(client, ns);
    try {
      ApplyReport report = apply(client, plan, order, TIMEOUT);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
      // No gate on the StatefulSet itself: only on the claim its controller made, which the clone needs.
      assertThat(order.lines()).containsExactly("write PersistentVolumeClaim scratch with Bound claims []",
          "write StatefulSet db with Bound claims []",
          "open PersistentVolumeClaim " + ns + "/data-db-1 (made from StatefulSet.apps " + ns + "/db) to be Bound",
          "write PersistentVolumeClaim copy with Bound claims [data-db-1]");
      PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ns).withName("copy").get();
      assertThat(live.getSpec().getDataSourceRef().getName()).isEqualTo("data-db-1");
      assertThat(live.getSpec().getDataSource().getKind()).isEqualTo("PersistentVolumeClaim");
      assertNeverReady(client, ns);

      // The rule before: the clone after the StatefulSet ready. Its pods never run, so the apply times out.
      VolumeClaimSpec afterReady = claim(ns, "copy-after-ready").cloneFromClaim("data-db-1").build();
      Plan oldRule = ClusterSpec.builder().name("stateful-clone-old-rule").preExistingNamespace(ns)
          .component(storageClass(), afterReady).resource(db(ns)).dependsOn(afterReady.ref(), dbRef(ns)).build()
          .plan();
      ApplyReport timedOut = apply(client, oldRule, new Order(client, ns), OLD_RULE_TIMEOUT);
      assertThat(timedOut.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(ResourceResult::ref)
          .containsExactly(afterReady.ref());
      assertThat(timedOut.withOutcome(Outcome.NOT_ATTEMPTED).get(0).message().orElseThrow()).startsWith(
          "timed out after 3s waiting for StatefulSet.apps " + ns + "/db to be ready");
    } finally {
      client.persistentVolumes().withName(volume).delete();
      client.storage().v1().storageClasses().withName(CLASS).delete();
    }
  }

  /**
   * Under the default podManagementPolicy OrderedReady the controller makes pod db-0 and its claim data-db-0 first,
   * whatever the other pods do: a clone of ordinal 0 is written without any pod running, and the plan warns of none.
   */
  @Test
  void underTheDefaultPolicyACloneOfTheFirstOrdinalIsWrittenThoughNoPodRuns(KubernetesClient client) {
    String ns = "storage-stateful-ordered";
    TestNamespaces.create(client, ns);
    String volume = reserveVolume(client, ns, "data-db-0");
    StatefulSet ordered = db(ns);
    ordered.getSpec().setPodManagementPolicy(null);
    VolumeClaimSpec clone = claim(ns, "copy").cloneFromStatefulSetClaim("db", "data", 0).build();
    Plan plan = ClusterSpec.builder().name("stateful-ordered").preExistingNamespace(ns)
        .component(storageClass(), clone).resource(ordered).build().plan();
    assertThat(plan.warnings()).allSatisfy(w -> assertThat(w.toString()).doesNotContain("podManagementPolicy"));
    Order order = new Order(client, ns);
    try {
      ApplyReport report = apply(client, plan, order, TIMEOUT);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
      assertThat(order.lines()).containsExactly("write StatefulSet db with Bound claims []",
          "open PersistentVolumeClaim " + ns + "/data-db-0 (made from StatefulSet.apps " + ns + "/db) to be Bound",
          "write PersistentVolumeClaim copy with Bound claims [data-db-0]");
      assertNeverReady(client, ns);
    } finally {
      client.persistentVolumes().withName(volume).delete();
      client.storage().v1().storageClasses().withName(CLASS).delete();
    }
  }

  @Test
  void theSnapshotIsWrittenOnceItsClaimIsBoundAndTheRestoredClaimOnceTheSnapshotIsReadyToUse(
      KubernetesClient client) throws InterruptedException {
    Path crds = SharedData.require("k8s-reference/crds/snapshot");
    CustomResourceDefinitions.install(client, crds);
    String ns = "storage-stateful-restore";
    TestNamespaces.create(client, ns);
    String volume = reserveVolume(client, ns, "data-db-1");
    VolumeSnapshotSpec snapshot = VolumeSnapshotSpec.builder().name("snap").namespace(ns)
        .statefulSetClaim("db", "data", 1).build();
    VolumeClaimSpec restored = claim(ns, "restored").restoreFrom(snapshot).build();
    Plan plan = ClusterSpec.builder().name("stateful-restore").preExistingNamespace(ns)
        .preExistingResource(VolumeSnapshotSpec.snapshotCrds().toArray(ResourceRef[]::new))
        .component(storageClass(), snapshot, restored).resource(db(ns)).build().plan();
    Order order = new Order(client, ns);
    try (SnapshotStandIn standIn = new SnapshotStandIn(client, ns)) {
      ApplyReport report = apply(client, plan, order, TIMEOUT);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
      assertThat(order.lines()).containsExactly("write StatefulSet db with Bound claims []",
          "open PersistentVolumeClaim " + ns + "/data-db-1 (made from StatefulSet.apps " + ns + "/db) to be Bound",
          "write VolumeSnapshot snap with Bound claims [data-db-1]",
          "open VolumeSnapshot.snapshot.storage.k8s.io " + ns + "/snap to be ready to use",
          "write PersistentVolumeClaim restored with Bound claims [data-db-1]");
      PersistentVolumeClaim live = client.persistentVolumeClaims().inNamespace(ns).withName("restored").get();
      assertThat(live.getSpec().getDataSourceRef().getName()).isEqualTo("snap");
      assertThat(live.getSpec().getDataSource().getApiGroup()).isEqualTo(VolumeSnapshotSpec.GROUP);
      assertNeverReady(client, ns);
    } finally {
      client.persistentVolumes().withName(volume).delete();
      client.storage().v1().storageClasses().withName(CLASS).delete();
    }
  }
}
