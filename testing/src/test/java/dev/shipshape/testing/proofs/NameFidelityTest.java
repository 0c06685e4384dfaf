package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Object names as the API server judges them, kind by kind: a plan reports a name problem exactly for the names a
 * server-side dry run refuses (DNS-1035 labels for Services, DNS-1123 labels for Namespaces and StatefulSets, path
 * segments for RBAC, 52 characters for CronJobs, 63 for Jobs, whose pods carry the name as a label, DNS-1123
 * subdomains for the rest). One rule goes further than the server: a StatefulSet name longer than 52 characters,
 * which the server stores but whose pods the controller can never create. Label and annotation keys and the size of
 * annotations likewise.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class NameFidelityTest {
  private static final String NAMESPACE = "name-fidelity";
  private static final String KEYS_NAMESPACE = "key-fidelity";
  private static final String CONTAINERS = "{containers: [{name: c, image: 'registry.example.com/c:1'}]";

  /** Each kind as a minimal valid object, {@code NAME} standing for the name under test. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("ConfigMap", "{apiVersion: v1, kind: ConfigMap, metadata: {name: NAME, namespace: NS}}"),
      Map.entry("Secret", "{apiVersion: v1, kind: Secret, metadata: {name: NAME, namespace: NS}}"),
      Map.entry("ServiceAccount", "{apiVersion: v1, kind: ServiceAccount, metadata: {name: NAME, namespace: NS}}"),
      Map.entry("Service", "{apiVersion: v1, kind: Service, metadata: {name: NAME, namespace: NS},"
          + " spec: {selector: {app: a}, ports: [{port: 80}]}}"),
      Map.entry("Namespace", "{apiVersion: v1, kind: Namespace, metadata: {name: NAME}}"),
      Map.entry("Deployment", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: NAME, namespace: NS},"
          + " spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: "
          + CONTAINERS + "}}}}"),
      Map.entry("StatefulSet", "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: NAME, namespace: NS},"
          + " spec: {serviceName: s, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}},"
          + " spec: " + CONTAINERS + "}}}}"),
      Map.entry("Job", "{apiVersion: batch/v1, kind: Job, metadata: {name: NAME, namespace: NS}, spec: {template:"
          + " {spec: " + CONTAINERS + ", restartPolicy: Never}}}}"),
      Map.entry("CronJob", "{apiVersion: batch/v1, kind: CronJob, metadata: {name: NAME, namespace: NS}, spec:"
          + " {schedule: '0 3 * * *', jobTemplate: {spec: {template: {spec: " + CONTAINERS
          + ", restartPolicy: Never}}}}}}"),
      Map.entry("Role", "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: NAME,"
          + " namespace: NS}}"),
      Map.entry("ClusterRole", "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata:"
          + " {name: NAME}}"),
      Map.entry("NetworkPolicy", "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: NAME,"
          + " namespace: NS}, spec: {podSelector: {}}}"),
      Map.entry("PersistentVolumeClaim", "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: NAME,"
          + " namespace: NS}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}"),
      Map.entry("StorageClass", "{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: NAME},"
          + " provisioner: csi.example.com}"),
      Map.entry("PriorityClass", "{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: NAME},"
          + " value: 10}"));

  private static final List<String> NAMES = List.of("web", "web.api", "web_api", "team:reader", "1web", "Web",
      "-web", "web..api", "..", "a/b", "x".repeat(52), "x".repeat(53), "x".repeat(63), "x".repeat(64),
      "x".repeat(63) + ".example", "x".repeat(253), "x".repeat(254));

  @Test
  void aPlanRefusesExactlyTheNamesTheServerRefuses(KubernetesClient client) throws Exception {
    TestNamespaces.create(client, NAMESPACE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<String> cases = new ArrayList<>();
      List<Future<Boolean>> byServer = new ArrayList<>();
      for (Map.Entry<String, String> kind : KINDS.entrySet()) {
        for (String name : NAMES) {
          String text = "# " + kind.getKey() + "\n" + kind.getValue().replace("NAME", "'" + name + "'")
              .replace("NS", NAMESPACE);
          cases.add(kind.getKey() + " '" + name + "'\n" + text);
          byServer.add(pool.submit(() -> refusedByServer(client, text)));
        }
      }
      List<String> disagreements = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < cases.size(); i++) {
        String text = cases.get(i).substring(cases.get(i).indexOf('\n') + 1);
        boolean server = byServer.get(i).get(60, TimeUnit.SECONDS);
        Optional<String> ours = nameProblem(text);
        if (server) refused++;
        boolean statefulSetBeyondTheServer = cases.get(i).startsWith("StatefulSet 'x") && !server
            && ours.filter(p -> p.contains("usually cannot create the pods")).isPresent();
        if (server != ours.isPresent() && !statefulSetBeyondTheServer) {
          disagreements.add(cases.get(i).lines().findFirst().orElseThrow() + ": the server "
              + (server ? "refuses it" : "accepts it") + ", the plan " + ours.orElse("accepts it"));
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(refused).as("names refused by the server").isBetween(cases.size() / 3, cases.size() - 20);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPlanRefusesExactlyTheLabelsAndAnnotationsTheServerRefuses(KubernetesClient client) {
    TestNamespaces.create(client, KEYS_NAMESPACE);
    List<String> keys = List.of("app", "Team_Name", "Example.COM/owner", "example.com/owner", "-bad", "a/b/c",
        "example.com/", "x".repeat(63), "x".repeat(64), "x".repeat(254) + "/a", "kubernetes.io/name");
    List<String> disagreements = new ArrayList<>();
    for (String key : keys) {
      for (String field : List.of("labels", "annotations")) {
        String text = "# map\n{apiVersion: v1, kind: ConfigMap, metadata: {name: keys, namespace: " + KEYS_NAMESPACE
            + ", " + field + ": {'" + key + "': v}}}";
        compare(client, field + " key '" + key + "'", text, "metadata." + field, disagreements);
      }
    }
    for (int bytes : List.of(256 * 1024, 256 * 1024 + 1)) {
      String text = "# size\n{apiVersion: v1, kind: ConfigMap, metadata: {name: size, namespace: " + KEYS_NAMESPACE
          + ", annotations: {a: '" + "\u00e9".repeat((bytes - 1) / 2) + "x".repeat((bytes - 1) % 2) + "'}}}";
      compare(client, "annotations of " + bytes + " bytes", text, "metadata.annotations", disagreements);
    }
    assertThat(disagreements).isEmpty();
  }

  private static void compare(KubernetesClient client, String what, String text, String field,
      List<String> disagreements) {
    boolean server = refusedByServer(client, text);
    Optional<String> ours = problem(text, field, KEYS_NAMESPACE);
    if (server != ours.isPresent()) {
      disagreements.add(what + ": the server " + (server ? "refuses it" : "accepts it") + ", the plan "
          + ours.orElse("accepts it"));
    }
  }

  /** True when a server-side dry run refuses the object as invalid (422). */
  private static boolean refusedByServer(KubernetesClient client, String text) {
    GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(text,
        GenericKubernetesResource.class);
    try {
      client.resource(object).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 422 || e.getCode() == 400) return true;
      throw e;
    }
  }

  /** The plan's error about the object's name, if any. */
  private static Optional<String> nameProblem(String text) {
    return problem(text, "metadata.name", NAMESPACE);
  }

  /** The plan's error about {@code field}, if any. */
  private static Optional<String> problem(String text, String field, String namespace) {
    ClusterSpec spec = ClusterSpec.builder().name("names").preExistingNamespace(namespace).yaml(text).build();
    try {
      spec.plan();
      return Optional.empty();
    } catch (SpecValidationException e) {
      return e.problems().stream().filter(Problem::isError).map(Problem::toString)
          .filter(p -> p.contains(" " + field)).findFirst();
    }
  }
}
