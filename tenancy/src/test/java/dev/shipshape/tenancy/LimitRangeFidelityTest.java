package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Planning's verdicts on LimitRanges and on the Pods under them equal the real API server's (kube-apiserver 1.34,
 * server dry run), whoever builds the LimitRange, as one rule judges them all (core's {@code LimitRangeRules} and
 * planning's checks of Pods): the server refuses exactly the LimitRanges the plan refuses; of those it takes, a Pod
 * whose container sets nothing is refused exactly when the plan has an error on the LimitRange or that Pod; and, in
 * namespaces whose LimitRanges give defaults and set bounds, the plan refuses exactly the Pods the server refuses,
 * and the Deployments the server refuses or whose Pods it refuses (the LimitRanger defaults and bounds each Pod a
 * controller creates, never the template).
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LimitRangeFidelityTest {
  private static final String REFUSES_LIMIT_RANGE = "so the API server refuses the LimitRange";

  /** LimitRanges the server refuses and takes, such as the server stores them, with defaults it completes. */
  private static final List<String> LIMIT_RANGES = List.of(
      "{type: Container, default: {cpu: '1'}}",
      "{type: Container, default: {cpu: '4'}}, {type: Container, default: {cpu: '1'}}",
      "{type: container, max: {cpu: '1'}}",
      "{max: {cpu: '1'}}",
      "{type: example.com/custom, max: {example.com/things: '1'}}",
      "{type: Pod, max: {cpu: '2'}, default: {cpu: '1'}}",
      "{type: Container, max: {requests.cpu: '1'}}",
      "{type: Container, max: {example.com/fpga: '1'}}",
      "{type: PersistentVolumeClaim, max: {requests.storage: 1Gi}}",
      "{type: PersistentVolumeClaim, max: {storage: 1Gi}}",
      "{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}",
      "{type: Container, default: {cpu: '1'}, defaultRequest: {cpu: '2'}}",
      "{type: Container, min: {memory: 1Gi}, default: {memory: 512Mi}}",
      "{type: Container, max: {cpu: '2'}, default: {cpu: '3'}}",
      "{type: Container, min: {cpu: 200m}, defaultRequest: {cpu: 100m}}",
      "{type: Container, max: {memory: 2Gi}, defaultRequest: {memory: 3Gi}}",
      "{type: Container, max: {nvidia.com/gpu: '2'}, defaultRequest: {nvidia.com/gpu: '1'}}",
      "{type: Container, max: {nvidia.com/gpu: '2'}, defaultRequest: {nvidia.com/gpu: '2'}}",
      "{type: Container, maxLimitRequestRatio: {memory: 500m}}",
      "{type: Pod, min: {cpu: 100m}, max: {cpu: '2'}, maxLimitRequestRatio: {cpu: '30'}}",
      "{type: Pod, min: {cpu: 100m}, max: {cpu: '2'}, maxLimitRequestRatio: {cpu: '20'}}",
      "{type: Container, min: {cpu: '1', memory: 1Gi}, max: {cpu: '2', memory: 2Gi}}",
      "{type: Container, default: {cpu: '-1'}, defaultRequest: {cpu: '-2'}}",
      "{type: Container, default: {nvidia.com/gpu: 1500m}}",
      "{type: Container, default: {memory: 128Mi, hugepages-2Mi: 3Mi}}",
      "{type: Container, defaultRequest: {example.com/fpga: '1'}}",
      "{type: Container, min: {example.com/fpga: '1'}}",
      "{type: Container, default: {hugepages-2Mi: 2Mi}}",
      "{type: Container, maxLimitRequestRatio: {cpu: '2'}}",
      "{type: Pod, max: {memory: 1Gi}}");

  /** Namespaces whose LimitRanges give defaults and set bounds, and the objects tried in each. */
  private static final List<Scenario> SCENARIOS = List.of(
      new Scenario("lrf-bounds", List.of("{type: Container, min: {cpu: 100m}, max: {cpu: '2', memory: 1Gi},"
          + " default: {cpu: 500m}, maxLimitRequestRatio: {memory: '2'}}"), List.of(
          pod("{}"), pod("{requests: {cpu: 50m}}"), pod("{limits: {cpu: '3'}}"), pod("{requests: {memory: 256Mi}}"),
          pod("{requests: {memory: 600Mi}}"), pod("{requests: {cpu: '1'}}"),
          podWith("{name: i, image: i, resources: {limits: {cpu: '3'}}}", "{}"),
          deployment("{requests: {cpu: 50m}}"), deployment("{requests: {memory: 600Mi}}"),
          deployment("{requests: {cpu: '1'}}"), deployment("{requests: {example.com/fpga: '1'}}"))),
      new Scenario("lrf-pod", List.of("{type: Pod, max: {memory: 1Gi}, min: {cpu: 100m}},"
          + " {type: Container, default: {memory: 256Mi}, defaultRequest: {cpu: 100m}}"), List.of(
          pod("{}"), podOf("", "{name: d, image: i}, {name: c, image: i, resources: {limits: {memory: 900Mi}}}"),
          podWith("{name: s, image: i, restartPolicy: Always, resources: {limits: {memory: 512Mi}}},"
              + " {name: i, image: i, resources: {limits: {memory: 700Mi}}}", "{}"),
          podWith("{name: s, image: i, resources: {limits: {memory: 512Mi}}},"
              + " {name: i, image: i, resources: {limits: {memory: 700Mi}}}", "{}"),
          deployment("{limits: {memory: 2Gi}}"))),
      new Scenario("lrf-milli", List.of("{type: Container, min: {cpu: 1m}}"), List.of(
          pod("{requests: {cpu: 100u}}"), pod("{requests: {cpu: '0'}}"), pod("{limits: {cpu: 500u}}"))),
      new Scenario("lrf-two", List.of("{type: Container, maxLimitRequestRatio: {memory: '2'}}",
          "{type: Container, default: {memory: 1Gi}, defaultRequest: {memory: 128Mi}}"), List.of(
          pod("{}"), pod("{requests: {memory: 512Mi}}"), pod("{limits: {memory: 256Mi}}"),
          deployment("{requests: {memory: 100Mi}, limits: {memory: 800Mi}}"), deployment("{}"))));

  @Test
  void theServerRefusesExactlyTheLimitRangesThePlanRefusesAndThePodsTheirDefaultsBreak(KubernetesClient client) {
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    int podsRefused = 0;
    for (int i = 0; i < LIMIT_RANGES.size(); i++) {
      String namespace = "lrf-" + i;
      String limitRange = limitRange(namespace, "limits", LIMIT_RANGES.get(i));
      String pod = pod("{}").replace("namespace: NS", "namespace: " + namespace);
      List<String> plan = planErrors(namespace, List.of(limitRange, pod));
      boolean planRefusesLimitRange = plan.stream().anyMatch(p -> p.contains(REFUSES_LIMIT_RANGE));
      TestNamespaces.create(client, namespace);
      Optional<String> server = refusal(() -> client.resource(read(client, limitRange)).dryRun().create());
      if (server.isPresent()) refused++;
      if (planRefusesLimitRange != server.isPresent()) {
        disagreements.add(LIMIT_RANGES.get(i) + ": the plan " + plan + "; the server " + server.orElse("accepts"));
        continue;
      }
      if (server.isPresent()) continue;
      prepare(client, namespace, List.of(limitRange));
      Optional<String> bare = refusal(() -> client.resource(read(client, pod)).dryRun().create());
      if (bare.isPresent()) podsRefused++;
      if (plan.isEmpty() == bare.isPresent()) {
        disagreements.add(LIMIT_RANGES.get(i) + " and a Pod that sets nothing: the plan " + plan + "; the server "
            + bare.orElse("accepts"));
      }
    }
    assertThat(disagreements).as("plan vs server dry run").isEmpty();
    assertThat(refused).as("LimitRanges refused of %d", LIMIT_RANGES.size()).isBetween(10, LIMIT_RANGES.size() - 10);
    assertThat(podsRefused).as("Pods refused of %d", LIMIT_RANGES.size() - refused).isBetween(4, 12);
  }

  @Test
  void thePlanRefusesExactlyThePodsAndTheWorkloadsWhosePodsTheServerRefuses(KubernetesClient client) {
    List<String> disagreements = new ArrayList<>();
    int cases = 0;
    int refused = 0;
    for (Scenario scenario : SCENARIOS) {
      List<String> limitRanges = new ArrayList<>();
      for (int i = 0; i < scenario.limitRanges.size(); i++) {
        limitRanges.add(limitRange(scenario.namespace, "limits-" + i, scenario.limitRanges.get(i)));
      }
      prepare(client, scenario.namespace, limitRanges);
      for (String object : scenario.objects) {
        String yaml = object.replace("namespace: NS", "namespace: " + scenario.namespace);
        List<String> documents = new ArrayList<>(limitRanges);
        documents.add(yaml);
        List<String> plan = planErrors(scenario.namespace, documents);
        Optional<String> server = serverVerdict(client, yaml);
        cases++;
        if (server.isPresent()) refused++;
        if (plan.isEmpty() == server.isPresent()) {
          disagreements.add(scenario.namespace + " " + yaml + "  the plan " + plan + "; the server "
              + server.orElse("accepts"));
        }
      }
    }
    assertThat(disagreements).as("plan vs server dry run").isEmpty();
    assertThat(refused).as("refused of %d", cases).isBetween(cases / 4, cases * 3 / 4);
  }

  /** The server's refusal of the object; for a Deployment it takes, of a Pod with its template's spec. */
  private static Optional<String> serverVerdict(KubernetesClient client, String yaml) {
    GenericKubernetesResource object = read(client, yaml);
    Optional<String> refused = refusal(() -> client.resource(object).dryRun().create());
    if (refused.isPresent() || !object.getKind().equals("Deployment")) return refused;
    Deployment deployment = client.getKubernetesSerialization().unmarshal(yaml, Deployment.class);
    Pod fromTemplate = new PodBuilder().withNewMetadata().withName("from-template")
        .withNamespace(deployment.getMetadata().getNamespace()).endMetadata()
        .withSpec(deployment.getSpec().getTemplate().getSpec()).build();
    return refusal(() -> client.resource(fromTemplate).dryRun().create()).map(m -> "refuses its Pods: " + m);
  }

  /** The namespace, its default ServiceAccount (the ServiceAccount admission waits for it) and its LimitRanges. */
  private static void prepare(KubernetesClient client, String namespace, List<String> limitRanges) {
    TestNamespaces.create(client, namespace);
    refusal(() -> client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create());
    for (String limitRange : limitRanges) {
      HasMetadata object = read(client, limitRange);
      refusal(() -> client.resource(object).create());
    }
  }

  /** The errors of planning these documents in a namespace the spec declares pre-existing. */
  private static List<String> planErrors(String namespace, List<String> documents) {
    ClusterSpec spec = ClusterSpec.builder().name("limits").preExistingNamespace(namespace)
        .yaml(String.join("---\n", documents)).build();
    try {
      spec.plan();
      return List.of();
    } catch (SpecValidationException e) {
      return e.errors().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }

  /** The server's message when it refuses the request (400, 403 from admission, 409, 422), or empty. */
  private static Optional<String> refusal(Supplier<?> request) {
    try {
      request.get();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 400 && e.getCode() != 403 && e.getCode() != 409 && e.getCode() != 422) throw e;
      return Optional.of(e.getCode() + " " + e.getStatus().getMessage());
    }
  }

  private static GenericKubernetesResource read(KubernetesClient client, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static String limitRange(String namespace, String name, String items) {
    return "apiVersion: v1\nkind: LimitRange\nmetadata: {name: " + name + ", namespace: " + namespace + "}\n"
        + "spec: {limits: [" + items + "]}\n";
  }

  /** A Pod of namespace {@code NS}, replaced when it is tried. */
  private static String pod(String resources) {
    return podWith("", resources);
  }

  private static String podWith(String initContainers, String resources) {
    return podOf(initContainers, "{name: c, image: i, resources: " + resources + "}");
  }

  private static String podOf(String initContainers, String containers) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: NS}\nspec: {initContainers: ["
        + initContainers + "], containers: [" + containers + "]}\n";
  }

  private static String deployment(String resources) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: NS}\nspec: {selector:"
        + " {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c,"
        + " image: i, resources: " + resources + "}]}}}\n";
  }

  /** A namespace, its LimitRanges' items, and the objects tried in it. */
  private record Scenario(String namespace, List<String> limitRanges, List<String> objects) {}
}
