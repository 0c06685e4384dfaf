package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The LimitRanger admission plugin fills a bare Pod's missing limits and requests from its namespace's LimitRanges
 * before the API server validates the Pod, and leaves pod templates alone: for a table of Pods and Deployments in
 * namespaces with and without LimitRange defaults, a plan refuses exactly the objects a server-side dry run refuses,
 * and the workloads whose every Pod it refuses (the workload is taken, but never runs), and a Pod the server takes
 * gets the default limit.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LimitRangeDefaultsFidelityTest {
  private static final String GPU = "limits-gpu";
  private static final String CPU = "limits-cpu";
  private static final String TWO = "limits-two";
  private static final String NONE = "limits-none";
  /** The LimitRanges of each namespace, as YAML documents. */
  private static final Map<String, List<String>> LIMIT_RANGES = Map.of(
      GPU, List.of(limitRange(GPU, "gpu", "{type: Container, default: {nvidia.com/gpu: '2'}}")),
      CPU, List.of(limitRange(CPU, "cpu", "{type: Container, default: {cpu: '1'}}")),
      TWO, List.of(limitRange(TWO, "cpu", "{type: Container, max: {cpu: '2'}}"),
          limitRange(TWO, "memory", "{type: Container, default: {memory: 1Gi}, defaultRequest: {memory: 256Mi}}")),
      NONE, List.of());

  @Test
  void aPlanRefusesExactlyThePodsAndTemplatesTheServerRefusesAndABarePodGetsTheDefaultLimit(KubernetesClient client) {
    prepareNamespaces(client);
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    for (Case c : cases()) {
      String server = serverVerdict(client, c);
      String plan = planVerdict(c.namespace, c.yaml);
      if (!server.equals("accepted")) refused++;
      boolean agree = server.equals("accepted") == plan.equals("accepted");
      if (!agree || server.equals("accepted") != c.acceptedByServer) {
        disagreements.add(c.yaml + "\n  expected the server to " + (c.acceptedByServer ? "accept" : "refuse")
            + "; the server: " + server + "\n  the plan: " + plan);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(refused).as("cases refused by the server").isBetween(3, cases().size() - 3);

    GenericKubernetesResource pod = read(client, pod(GPU, "{requests: {nvidia.com/gpu: '2'}}"));
    HasMetadata created = client.resource(pod).dryRun().create();
    Map<String, Object> resources = ((GenericKubernetesResource) created).get("spec", "containers", 0, "resources");

    assertThat(resources).isEqualTo(Map.of("requests", Map.of("nvidia.com/gpu", "2"),
        "limits", Map.of("nvidia.com/gpu", "2")));
  }

  private static List<Case> cases() {
    return List.of(
        new Case(GPU, pod(GPU, "{requests: {nvidia.com/gpu: '2'}}"), true),
        new Case(GPU, pod(GPU, "{requests: {nvidia.com/gpu: '1'}}"), false),
        new Case(GPU, pod(GPU, "{limits: {nvidia.com/gpu: '1'}}"), true),
        new Case(GPU, podWithInit(GPU, "{requests: {nvidia.com/gpu: '2'}}"), true),
        new Case(GPU, podWithInit(GPU, "{requests: {nvidia.com/gpu: '3'}}"), false),
        template(GPU, "{requests: {nvidia.com/gpu: '2'}}", false),
        new Case(NONE, pod(NONE, "{requests: {nvidia.com/gpu: '2'}}"), false),
        new Case(CPU, pod(CPU, "{requests: {cpu: '2'}}"), false),
        new Case(CPU, pod(CPU, "{requests: {cpu: 500m}}"), true),
        new Case(CPU, pod(CPU, "{limits: {cpu: 500m}}"), true),
        new Case(CPU, pod(CPU, "{requests: {hugepages-2Mi: 2Mi}, limits: {hugepages-2Mi: 2Mi}}"), true),
        new Case(NONE, pod(NONE, "{requests: {hugepages-2Mi: 2Mi}, limits: {hugepages-2Mi: 2Mi}}"), false),
        template(CPU, "{requests: {cpu: '2'}}", false),
        template(CPU, "{requests: {cpu: 500m}}", true),
        new Case(TWO, pod(TWO, "{requests: {cpu: '3'}}"), false),
        new Case(TWO, pod(TWO, "{requests: {cpu: 1500m}}"), true),
        new Case(TWO, pod(TWO, "{requests: {memory: 2Gi}}"), false),
        new Case(TWO, pod(TWO, "{limits: {memory: 128Mi}}"), true),
        new Case(TWO, pod(TWO, "{limits: {memory: 128Mi}, requests: {memory: 64Mi}}"), true));
  }

  private static void prepareNamespaces(KubernetesClient client) {
    TestNamespaces.create(client, LIMIT_RANGES.keySet().toArray(String[]::new));
    LIMIT_RANGES.forEach((namespace, limitRanges) -> {
      // The ServiceAccount admission plugin refuses a Pod whose account does not exist yet.
      createIfAbsent(client, new ServiceAccountBuilder().withNewMetadata().withName("default")
          .withNamespace(namespace).endMetadata().build());
      limitRanges.forEach(text -> createIfAbsent(client, read(client, text)));
    });
  }

  private static void createIfAbsent(KubernetesClient client, HasMetadata object) {
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
    }
  }

  /**
   * "accepted", or the server's message; for a workload the server takes, the verdict on a Pod of its template
   * (which the controller creates, and LimitRanger then judges as a bare Pod).
   */
  private static String serverVerdict(KubernetesClient client, Case c) {
    String verdict = serverVerdict(client, c.yaml);
    if (!verdict.equals("accepted") || c.podOfTemplate.isEmpty()) return verdict;
    String pod = serverVerdict(client, c.podOfTemplate.get());
    return pod.equals("accepted") ? pod : "the workload is taken, but every Pod of its template is refused: " + pod;
  }

  /** "accepted", or the server's message. */
  private static String serverVerdict(KubernetesClient client, String yaml) {
    try {
      client.resource(read(client, yaml)).dryRun().create();
      return "accepted";
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422) throw e;
      return e.getStatus().getMessage();
    }
  }

  /** "accepted", or the plan's errors; the plan holds the namespace's LimitRanges beside the object. */
  private static String planVerdict(String namespace, String yaml) {
    String documents = String.join("---\n", LIMIT_RANGES.get(namespace)) + "---\n" + yaml;
    ClusterSpec spec = ClusterSpec.builder().name("limits").preExistingNamespace(namespace).yaml(documents).build();
    try {
      spec.plan();
      return "accepted";
    } catch (SpecValidationException e) {
      return e.problems().stream().filter(Problem::isError).map(Problem::toString)
          .collect(Collectors.joining("\n    "));
    }
  }

  private static GenericKubernetesResource read(KubernetesClient client, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static String limitRange(String namespace, String name, String item) {
    return "apiVersion: v1\nkind: LimitRange\nmetadata: {name: " + name + ", namespace: " + namespace + "}\n"
        + "spec: {limits: [" + item + "]}\n";
  }

  private static String pod(String namespace, String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: " + namespace + "}\n"
        + "spec: {containers: [{name: c, image: i, resources: " + resources + "}]}\n";
  }

  private static String podWithInit(String namespace, String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: " + namespace + "}\n"
        + "spec: {initContainers: [{name: init, image: i, resources: " + resources + "}],"
        + " containers: [{name: c, image: i}]}\n";
  }

  private static String deployment(String namespace, String resources) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: " + namespace + "}\n"
        + "spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}},"
        + " spec: {containers: [{name: c, image: i, resources: " + resources + "}]}}}\n";
  }

  /** A Deployment whose template's container has {@code resources}, judged with the Pods it makes. */
  private static Case template(String namespace, String resources, boolean acceptedByServer) {
    return new Case(namespace, deployment(namespace, resources), acceptedByServer,
        Optional.of(pod(namespace, resources)));
  }

  /**
   * One object in one namespace, and whether the server takes it (a workload: it and the Pods of its template, as
   * {@code podOfTemplate}).
   */
  private record Case(String namespace, String yaml, boolean acceptedByServer, Optional<String> podOfTemplate) {
    Case(String namespace, String yaml, boolean acceptedByServer) {
      this(namespace, yaml, acceptedByServer, Optional.empty());
    }
  }
}
