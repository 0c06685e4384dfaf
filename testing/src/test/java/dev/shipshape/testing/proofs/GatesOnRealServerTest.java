package dev.shipshape.testing.proofs;

import static dev.shipshape.testing.proofs.ProofObjects.crd;
import static dev.shipshape.testing.proofs.ProofObjects.namespace;
import static dev.shipshape.testing.proofs.ProofObjects.webDeployment;
import static dev.shipshape.testing.proofs.Reports.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TerminatingNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gates between waves on a real API server: CRD {@code Established} and Namespace {@code Active} (set by the API
 * server itself), workload readiness (Pods marked ready as a kubelet would, the controllers then report the
 * workloads available) and a user's condition on a custom resource's status. Each holds the next wave back until
 * it opens, and a gate that never opens ends the apply with a message naming it and the last state seen.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class GatesOnRealServerTest {
  private static final String SIZE = "size: {type: integer}";

  /** Every event as a line, in the order the executor reports them (from several threads). */
  private static final class Events implements ApplyListener {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void waitStart(Gate gate) {
      lines.add("wait " + gate);
    }

    @Override
    public synchronized void waitEnd(Gate gate, ConditionResult result) {
      lines.add("open " + gate + " (" + result.reason() + ")");
    }

    @Override
    public synchronized void waitFailed(Gate gate, Throwable cause) {
      lines.add("closed " + gate);
    }

    @Override
    public synchronized void resourceStart(PlannedResource resource) {
      lines.add("write " + resource.ref());
    }

    synchronized List<String> snapshot() {
      return List.copyOf(lines);
    }

    synchronized boolean waitingFor(String target) {
      return lines.stream().anyMatch(l -> l.startsWith("wait " + target));
    }
  }

  private static ApplyOptions options(Events events) {
    return ApplyOptions.builder().listener(events).build();
  }

  /** The namespace, a CRD of {@code kind}, and that kind's object {@code name} with {@code spec: {size: 1}}. */
  private static String namespaceCrdAndObject(String ns, String group, String plural, String singular, String kind,
      String name) {
    return namespace(ns) + "---\n" + crd(group, plural, singular, kind, SIZE) + """
        ---
        apiVersion: %s/v1
        kind: %s
        metadata: {name: %s, namespace: %s}
        spec: {size: 1}
        """.formatted(group, kind, name, ns);
  }

  private static KubernetesExecutor.Builder executor(KubernetesClient client, Duration timeout) {
    return KubernetesExecutor.builder(client).timeout(timeout).pollInterval(Duration.ofMillis(100));
  }

  @Test
  void crdEstablishedAndNamespaceActiveHoldBackTheObjectsThatNeedThem(KubernetesClient client) {
    ClusterSpec spec = ClusterSpec.builder().name("gate-crd")
        .yaml(namespaceCrdAndObject("gate-crd", "gate.example.com", "widgets", "widget", "Widget", "w")).build();
    Events events = new Events();

    ApplyReport report = executor(client, Duration.ofSeconds(60)).build().apply(spec.plan(), options(events));

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    List<String> lines = events.snapshot();
    String crdOpen = "open CustomResourceDefinition.apiextensions.k8s.io widgets.gate.example.com to be "
        + "Established (Established)";
    String namespaceOpen = "open Namespace gate-crd to be Active (Active)";
    assertThat(lines).contains(crdOpen, namespaceOpen);
    int widgetWritten = lines.indexOf("write Widget.gate.example.com gate-crd/w");
    assertThat(lines.indexOf(crdOpen)).isLessThan(widgetWritten);
    assertThat(lines.indexOf(namespaceOpen)).isLessThan(widgetWritten);
    assertThat(client.genericKubernetesResources("gate.example.com/v1", "Widget").inNamespace("gate-crd")
        .withName("w").get()).isNotNull();
  }

  @Test
  void aCrdWhoseNamesAreTakenIsNeverEstablishedAndTheApplyTimesOutNamingIt(KubernetesClient client) {
    client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        crd("taken.example.com", "things", "thing", "Thing", SIZE),
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).serverSideApply();
    // Same group and kind under another plural: the server refuses the names (ListKindConflict), so it never
    // establishes the CRD, and the plan's Thing waits for the CRD the plan says defines it.
    ClusterSpec spec = ClusterSpec.builder().name("gate-taken")
        .yaml(namespaceCrdAndObject("gate-taken", "taken.example.com", "stuffs", "stuff", "Thing", "t")).build();

    ApplyReport report = executor(client, Duration.ofSeconds(2)).build().apply(spec.plan(),
        options(new Events()));

    assertThat(report.isSuccess()).isFalse();
    assertThat(resultOf(report, "Thing")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
      assertThat(r.message()).contains("timed out after 2s waiting for CustomResourceDefinition"
          + ".apiextensions.k8s.io stuffs.taken.example.com to be Established (the server refused its "
          + "names (ListKindConflict: \"ThingList\" is already in use))");
    });
    assertThat(client.genericKubernetesResources("taken.example.com/v1", "Thing").inNamespace("gate-taken")
        .withName("t").get()).isNull();
  }

  @Test
  void aTerminatingNamespaceNeverBecomesActiveAndTheApplyTimesOutNamingIt(KubernetesClient client) {
    try (TerminatingNamespace ending = TerminatingNamespace.hold(client, "gate-ending")) {
      ClusterSpec spec = ClusterSpec.builder().name("gate-ending").yaml(namespace("gate-ending") + """
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings, namespace: gate-ending}
          """).build();

      ApplyReport report = executor(client, Duration.ofSeconds(2)).build().apply(spec.plan(),
          options(new Events()));

      assertThat(resultOf(report, "ConfigMap")).satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(r.message()).contains("timed out after 2s waiting for Namespace gate-ending to be "
            + "Active (phase Terminating)");
      });
    }
  }

  private static ClusterSpec workloads(String ns, boolean withStatefulSet) {
    String statefulSet = !withStatefulSet ? "" : """
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: %1$s}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:16"}]
        """.formatted(ns);
    ClusterSpec.Builder spec = ClusterSpec.builder().name(ns).yaml(namespace(ns) + "---\n"
        + webDeployment(ns, "replicas: 2", "") + "---\n" + namespace(ns + "-next") + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: after, namespace: %s-next}
        """.formatted(ns) + statefulSet);
    // In a namespace of its own: in the workloads' namespace, ConfigMaps come before pods.
    ResourceRef after = ResourceRef.namespaced("", "ConfigMap", ns + "-next", "after");
    spec.dependsOn(after, ResourceRef.namespaced("apps", "Deployment", ns, "web"));
    if (withStatefulSet) spec.dependsOn(after, ResourceRef.namespaced("apps", "StatefulSet", ns, "db"));
    return spec.build();
  }

  @Test
  void workloadsHoldBackTheirDependentsUntilTheyAreReady(KubernetesClient client) throws Exception {
    String ns = "gate-ready";
    Events events = new Events();
    KubernetesExecutor executor = executor(client, Duration.ofSeconds(90))
        .waitForWorkloads(true).build();
    ApplyOptions options = options(events);

    CompletableFuture<ApplyReport> apply = CompletableFuture.supplyAsync(
        () -> executor.apply(workloads(ns, true).plan(), options));
    awaitWaiting(events, "StatefulSet.apps " + ns + "/db", apply);
    awaitWaiting(events, "Deployment.apps " + ns + "/web", apply);
    // The workloads are written and the apply waits for them: their dependent is held back.
    assertThat(apply).isNotDone();
    assertThat(client.configMaps().inNamespace(ns + "-next").withName("after").get()).isNull();

    ApplyReport report;
    try (KubeletStandIn kubelet = KubeletStandIn.start(client, ns)) {
      report = apply.get(90, TimeUnit.SECONDS);
    }

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(events.snapshot()).contains("open Deployment.apps gate-ready/web to be ready (2/2 replicas ready)",
        "open StatefulSet.apps gate-ready/db to be ready (2/2 replicas ready)");
    assertThat(client.configMaps().inNamespace(ns + "-next").withName("after").get()).isNotNull();
  }

  @Test
  void aWorkloadThatNeverBecomesReadyEndsTheApplyWithItsState(KubernetesClient client) {
    String ns = "gate-stuck";
    KubernetesExecutor executor = executor(client, Duration.ofSeconds(2))
        .waitForWorkloads(true).build();
    ApplyOptions options = options(new Events());

    ApplyReport report = executor.apply(workloads(ns, false).plan(), options);

    assertThat(resultOf(report, "Deployment")).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      // The last state seen: "0/2 replicas ready" with the controllers running, else "controller has not seen
      // generation 1".
      assertThat(r.message().orElseThrow()).startsWith("created, but timed out after 2s waiting for Deployment.apps "
          + "gate-stuck/web to be ready (").endsWith(")");
    });
    assertThat(resultOf(report, "ConfigMap").outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
    assertThat(client.configMaps().inNamespace(ns + "-next").withName("after").get()).isNull();
  }

  @Test
  void aUsersConditionOnACustomResourceGatesTheNextWave(KubernetesClient client) throws Exception {
    String ns = "gate-user";
    ResourceRef gadget = ResourceRef.namespaced("user.example.com", "Gadget", ns, "g");
    ClusterSpec spec = ClusterSpec.builder().name(ns).yaml(namespaceCrdAndObject(ns, "user.example.com", "gadgets",
        "gadget", "Gadget", "g") + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: after, namespace: gate-user}
        """).dependsOn(ResourceRef.namespaced("", "ConfigMap", ns, "after"), gadget).build();
    ReadinessCondition provisioned = ReadinessCondition.of("Gadget provisioned", live ->
        "Provisioned".equals(String.valueOf(((Map<?, ?>) ((GenericKubernetesResource) live).getAdditionalProperties()
            .getOrDefault("status", Map.of())).get("phase"))));
    Events events = new Events();
    KubernetesExecutor executor = executor(client, Duration.ofSeconds(60))
        .waitForWorkloads(true).readiness("Gadget.user.example.com", provisioned).build();
    ApplyOptions options = options(events);

    CompletableFuture<ApplyReport> apply = CompletableFuture.supplyAsync(
        () -> executor.apply(spec.plan(), options));
    awaitWaiting(events, gadget.toString(), apply);
    assertThat(client.configMaps().inNamespace(ns).withName("after").get()).isNull();
    GenericKubernetesResource live = client.genericKubernetesResources("user.example.com/v1", "Gadget")
        .inNamespace(ns).withName("g").get();
    KubeletStandIn.writeStatus(client, live, Map.of("phase", "Provisioned"));
    ApplyReport report = apply.get(60, TimeUnit.SECONDS);

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(events.snapshot()).contains("open " + gadget + " to be provisioned (Gadget provisioned)");
    assertThat(client.configMaps().inNamespace(ns).withName("after").get()).isNotNull();
  }

  private static void awaitWaiting(Events events, String target, CompletableFuture<ApplyReport> apply)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!events.waitingFor(target)) {
      if (apply.isDone()) throw new AssertionError("the apply ended before waiting for " + target + ": "
          + apply.join().toText());
      if (System.nanoTime() > deadline) throw new AssertionError("no wait for " + target + ": " + events.snapshot());
      Thread.sleep(50);
    }
  }
}
