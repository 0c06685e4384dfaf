package dev.shipshape.core.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.readiness.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API server and its stand-in controllers, checked with the executor's own readiness gates. */
class EmbeddedClusterTest {
  private EmbeddedCluster cluster;

  @BeforeEach
  void start() {
    MockServerLog.quiet();
    cluster = EmbeddedCluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private HasMetadata create(String yaml) {
    return cluster.client().resource(Manifests.parse(yaml).get(0)).create();
  }

  /** Polls the object until it exists and the condition holds; its last result after 5 s otherwise. */
  private static ConditionResult await(ReadinessCondition condition, Supplier<HasMetadata> live)
      throws InterruptedException {
    ConditionResult result = ConditionResult.notMet("not checked");
    for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
      HasMetadata object = live.get();
      result = object == null ? ConditionResult.notMet("not found") : condition.evaluate(object);
      if (result.isMet()) return result;
    }
    return result;
  }

  @Test
  void withoutTheMockServerOnTheClassPathItNamesTheDependency() {
    ClassLoader withoutMock = new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
      }
    };
    assertThatThrownBy(() -> EmbeddedCluster.requireMockServer(withoutMock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add the dependency io.fabric8:kubernetes-server-mock");
    EmbeddedCluster.requireMockServer(EmbeddedCluster.class.getClassLoader());
  }

  @Test
  void servesPlainHttpOnTheLoopbackInterface() {
    assertThat(cluster.url()).matches("http://127\\.0\\.0\\.1:\\d+/?");
  }

  @Test
  void marksNamespacesActive() throws InterruptedException {
    create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
    KubernetesClient client = cluster.client();

    assertThat(await(Conditions.namespaceActive(), () -> client.namespaces().withName("shop").get()))
        .hasToString("met: Active");
  }

  @Test
  void marksCrdsEstablishedAndServesTheirResources() throws InterruptedException {
    create("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """);
    KubernetesClient client = cluster.client();

    assertThat(await(Conditions.crdEstablished(), () -> client.apiextensions().v1().customResourceDefinitions()
        .withName("widgets.example.com").get())).hasToString("met: Established");
    create("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: blue\n  namespace: shop\nspec:\n  size: 3\n");
    assertThat(client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("shop").list().getItems())
        .extracting(w -> w.getMetadata().getName()).containsExactly("blue");
  }

  @Test
  void rollsOutDeploymentsAndDaemonSets() throws InterruptedException {
    create("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx:1.27}]
        """);
    create("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: shop}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: busybox:1.36}]
        """);
    KubernetesClient client = cluster.client();

    assertThat(await(Conditions.replicasReady("Deployment"),
        () -> client.apps().deployments().inNamespace("shop").withName("web").get()))
        .hasToString("met: 3/3 replicas ready");
    assertThat(await(Conditions.daemonSetReady(),
        () -> client.apps().daemonSets().inNamespace("shop").withName("agent").get()))
        .hasToString("met: 1/1 pods ready");
  }

  @Test
  void makesTheClaimsOfAStatefulSetsPodsAsItsControllerDoesAndBindsEveryClaimOfAKnownClass()
      throws InterruptedException {
    KubernetesClient client = cluster.client();
    create("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: example.com/csi");
    create("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: orphan, namespace: shop}\nspec:"
        + " {storageClassName: missing, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}");
    create("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data-db-4, namespace: shop, labels: {kept:"
        + " 'true'}}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}");
    create("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          replicas: 2
          ordinals: {start: 3}
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: postgres:16}]
          volumeClaimTemplates:
          - metadata: {name: data, labels: {tier: storage}, annotations: {backup: daily}}
            spec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """);

    assertThat(await(Conditions.pvcBound(),
        () -> client.persistentVolumeClaims().inNamespace("shop").withName("data-db-3").get()))
        .hasToString("met: Bound");
    var made = client.persistentVolumeClaims().inNamespace("shop").withName("data-db-3").get();
    assertThat(made.getMetadata().getLabels()).containsOnly(Map.entry("app", "db"), Map.entry("tier", "storage"));
    assertThat(made.getMetadata().getAnnotations()).containsOnly(Map.entry("backup", "daily"));
    assertThat(made.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("1Gi");
    // The claim of ordinal 4 was there already: left as it was, but bound as every claim.
    assertThat(await(Conditions.pvcBound(),
        () -> client.persistentVolumeClaims().inNamespace("shop").withName("data-db-4").get()))
        .hasToString("met: Bound");
    assertThat(client.persistentVolumeClaims().inNamespace("shop").withName("data-db-4").get().getMetadata()
        .getLabels()).containsOnly(Map.entry("kept", "true"));
    assertThat(client.persistentVolumeClaims().inNamespace("shop").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("data-db-3", "data-db-4", "orphan");
    // No provisioner makes a volume of a class the server lacks: rounds after the others were bound, still Pending.
    Thread.sleep(300);
    assertThat(Conditions.pvcBound().evaluate(client.persistentVolumeClaims().inNamespace("shop").withName("orphan")
        .get()).isMet()).isFalse();
  }

  @Test
  void stopsServingWhenClosed() {
    String url = cluster.url();
    cluster.close();

    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(url).withRequestRetryBackoffLimit(0).withConnectionTimeout(1000).build()).build()) {
      assertThatThrownBy(() -> client.namespaces().list()).isInstanceOf(KubernetesClientException.class);
    }
    cluster = EmbeddedCluster.start(); // for the common tear-down
  }

  @Test
  void completesJobs() throws InterruptedException {
    KubernetesClient client = cluster.client();
    create("apiVersion: v1\nkind: Namespace\nmetadata: {name: batch}");
    create("apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: batch}\n"
        + "spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: 'busybox:1.36'}]}}}");

    assertThat(await(Conditions.jobComplete(),
        () -> client.batch().v1().jobs().inNamespace("batch").withName("migrate").get()).isMet()).isTrue();
  }

  @Test
  void dryRunRequestsPersistNothing() {
    KubernetesClient client = cluster.client();
    create("apiVersion: v1\nkind: Namespace\nmetadata: {name: dry}");
    var configMap = client.resource(Manifests.parse(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: dry}\ndata: {mode: a}").get(0));

    HasMetadata answered = configMap.dryRun().create();

    assertThat(answered.getMetadata().getName()).isEqualTo("settings");
    assertThat(client.configMaps().inNamespace("dry").withName("settings").get()).isNull();
    configMap.create();
    client.configMaps().inNamespace("dry").withName("settings").dryRun().delete();
    client.configMaps().inNamespace("dry").withName("settings").dryRun()
        .edit(cm -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(cm).addToData("mode", "b").build());
    assertThat(client.configMaps().inNamespace("dry").withName("settings").get().getData())
        .containsEntry("mode", "a");
  }
}
