package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The planner's verdict on a tenant's ResourceQuota and LimitRange equals the real API server's: for a generated set
 * of quota keys and amounts, and of default requests and limits, the plan has an error on the object exactly when
 * the server refuses it (create with {@code dryRun=All}) or, for a LimitRange it accepts, refuses a pod whose
 * container sets nothing, which the LimitRange fills in; and for a container that requests a resource without a
 * limit, the plan has an error exactly when the server refuses it with the default limit the LimitRange gives it.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class BudgetFidelityTest {
  private static final String QUOTA_NS = "tenancy-quota";
  private static final String LIMITS_NS = "tenancy-limits";
  private static final String WORKLOADS_NS = "tenancy-workloads";
  private static final List<String> QUOTA_KEYS = List.of("pods", "services", "configmaps", "secrets",
      "persistentvolumeclaims", "replicationcontrollers", "resourcequotas", "services.nodeports",
      "services.loadbalancers", "Pods", "request.cpu", "cpu", "memory", "ephemeral-storage", "storage",
      "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu",
      "limits.memory", "limits.ephemeral-storage", "limits.storage", "hugepages-2Mi", "hugepages-", "hugepages-any",
      "requests.hugepages-1Gi", "limits.hugepages-2Mi", "count/deployments.apps", "count/pods", "count/",
      "nvidia.com/gpu", "requests.nvidia.com/gpu", "limits.nvidia.com/gpu", "gold.storageclass.storage.k8s.io/"
          + "requests.storage", "gold.storageclass.storage.k8s.io/persistentvolumeclaims",
      "requests.kubernetes.io/batch", "kubernetes.io/batch", "example.com/x y", "Example.com/gpu", "example.com/-x",
      "example.com/" + "d".repeat(64));
  private static final List<String> AMOUNTS = List.of("3", "0", "-0", "1.5", "-1", "500m", "1Gi", "1e3", "+2",
      ".5", "1K", "1.2.3", "1e-30", "", " 1", "1Ki ");
  /** Per container resource, amounts in its units: valid ones first, then a negative one and a wrong one. */
  private static final Map<String, List<String>> LIMIT_AMOUNTS = limitAmounts();

  @Test
  void thePlannerRefusesExactlyTheQuotasTheServerRefuses(KubernetesClient client) {
    TestNamespaces.create(client, QUOTA_NS);
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    int cases = 0;
    for (String key : QUOTA_KEYS) {
      for (String amount : AMOUNTS) {
        Tenant tenant = Tenant.builder().name("budget").namespace(QUOTA_NS).quota(Map.of(key, amount)).build();
        Optional<String> planner = plannerError(tenant, "ResourceQuota");
        Optional<String> server = refusal(() -> client.resource(compiled(tenant, ResourceQuota.class)).dryRun()
            .create());
        cases++;
        if (server.isPresent()) refused++;
        if (planner.isPresent() != server.isPresent()) {
          disagreements.add(key + "=" + amount + ": planner " + planner.orElse("accepts") + "; server "
              + server.orElse("accepts"));
        }
      }
    }
    assertThat(disagreements).as("planner vs server dry run").isEmpty();
    assertThat(refused).as("refused of %d", cases).isBetween(cases / 5, cases * 4 / 5);
  }

  @Test
  void thePlannerRefusesExactlyTheLimitRangesTheServerOrItsPodsRefuse(KubernetesClient client) {
    TestNamespaces.create(client, LIMITS_NS);
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    int cases = 0;
    for (Map.Entry<String, List<String>> resource : LIMIT_AMOUNTS.entrySet()) {
      for (Defaults defaults : defaults(resource.getKey(), resource.getValue())) {
        Tenant tenant = Tenant.builder().name("budget").namespace(LIMITS_NS).defaultRequests(defaults.requests)
            .defaultLimits(defaults.limits).build();
        Optional<String> planner = plannerError(tenant, "LimitRange");
        Optional<String> server = serverVerdict(client, compiled(tenant, LimitRange.class), cases);
        cases++;
        if (server.isPresent()) refused++;
        if (planner.isPresent() != server.isPresent()) {
          disagreements.add(defaults + ": planner " + planner.orElse("accepts") + "; server "
              + server.orElse("accepts"));
        }
      }
    }
    assertThat(disagreements).as("planner vs server dry run").isEmpty();
    assertThat(refused).as("refused of %d", cases).isBetween(cases / 5, cases * 4 / 5);
  }

  /**
   * For default limits of a resource that can be overcommitted and of one that cannot, and containers that request
   * less, as much or more of it and set no limit: the plan has an error of the tenant on the pod exactly when the
   * server refuses the pod after the LimitRange gave it the default limit.
   */
  @Test
  void thePlannerRefusesExactlyThePodsThatTheDefaultLimitsMakeTheServerRefuse(KubernetesClient client) {
    Map<String, List<String>> amounts = Map.of("memory", List.of("128Mi", "512Mi", "1Gi"), "nvidia.com/gpu",
        List.of("1", "2", "3"), "example.com/dev", List.of("0", "1", "4"));
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    int cases = 0;
    int index = 0;
    for (Map.Entry<String, List<String>> resource : amounts.entrySet()) {
      for (String limit : resource.getValue()) {
        Tenant tenant = Tenant.builder().name("budget").namespace(WORKLOADS_NS).defaultRequests(Map.of())
            .defaultLimits(Map.of(resource.getKey(), limit)).build();
        String namespace = withLimits(client, compiled(tenant, LimitRange.class), WORKLOADS_NS + "-" + index++);
        for (String request : resource.getValue()) {
          Pod pod = pod(WORKLOADS_NS, Map.of(resource.getKey(), new Quantity(request)));
          Optional<String> planner = plannerError(tenant, pod);
          pod.getMetadata().setNamespace(namespace);
          Optional<String> server = refusal(() -> client.resource(pod).dryRun().create());
          cases++;
          if (server.isPresent()) refused++;
          if (planner.isPresent() != server.isPresent()) {
            disagreements.add("default limit " + resource.getKey() + "=" + limit + ", request " + request
                + ": planner " + planner.orElse("accepts") + "; server " + server.orElse("accepts"));
          }
        }
      }
    }
    assertThat(disagreements).as("planner vs server dry run").isEmpty();
    assertThat(refused).as("refused of %d", cases).isBetween(cases / 5, cases * 4 / 5);
  }

  /**
   * The server's refusal of the LimitRange, or of a pod whose container sets nothing in a namespace of its own that
   * holds the LimitRange.
   */
  private static Optional<String> serverVerdict(KubernetesClient client, LimitRange limits, int index) {
    Optional<String> refused = refusal(() -> client.resource(limits).dryRun().create());
    if (refused.isPresent()) return refused;
    String namespace = withLimits(client, limits, LIMITS_NS + "-" + index);
    Pod bare = pod(namespace, Map.of());
    return refusal(() -> client.resource(bare).dryRun().create()).map(m -> "refuses a bare pod: " + m);
  }

  /**
   * Creates the namespace, its default ServiceAccount and the LimitRange in it: a fresh namespace, as the LimitRanger
   * admission caches the LimitRanges it looks up.
   */
  private static String withLimits(KubernetesClient client, LimitRange limits, String namespace) {
    TestNamespaces.create(client, namespace);
    // The ServiceAccount admission refuses pods until the namespace's default account exists.
    refusal(() -> client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create());
    limits.getMetadata().setNamespace(namespace);
    client.resource(limits).create();
    return namespace;
  }

  /** A pod with one container that requests these amounts and sets no limit. */
  private static Pod pod(String namespace, Map<String, Quantity> requests) {
    return new PodBuilder().withNewMetadata().withName("app").withNamespace(namespace).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/app:1.0").withNewResources()
        .withRequests(requests.isEmpty() ? null : requests).endResources().endContainer().endSpec().build();
  }

  /**
   * Each resource's defaults: a request alone and a limit alone of every amount, and pairs of valid amounts below,
   * equal to and above each other; huge pages also with a memory default, which the server requires beside them.
   */
  private static List<Defaults> defaults(String resource, List<String> amounts) {
    List<Defaults> out = new ArrayList<>();
    for (String amount : amounts) {
      out.add(new Defaults(Map.of(resource, amount), Map.of()));
      out.add(new Defaults(Map.of(), Map.of(resource, amount)));
    }
    List<String> valid = amounts.subList(0, 3);
    for (String request : valid) {
      for (String limit : valid) {
        out.add(new Defaults(Map.of(resource, request), Map.of(resource, limit)));
      }
    }
    if (resource.startsWith("hugepages-")) {
      for (String amount : amounts) {
        out.add(new Defaults(Map.of("memory", "128Mi"), ordered(resource, amount, "memory", "512Mi")));
      }
    }
    return out;
  }

  private static Map<String, List<String>> limitAmounts() {
    Map<String, List<String>> amounts = new LinkedHashMap<>();
    amounts.put("cpu", List.of("100m", "1", "1.5", "0", "-1", "1K"));
    amounts.put("memory", List.of("128Mi", "512Mi", "1Gi", "1e3", "-1Gi", "1gi"));
    amounts.put("ephemeral-storage", List.of("1Gi", "2Gi", "2.5Gi", "0", "-1Gi"));
    amounts.put("hugepages-2Mi", List.of("2Mi", "4Mi", "6Mi", "0", "3Mi", "2.5Mi", "-2Mi"));
    amounts.put("hugepages-1Gi", List.of("1Gi", "2Gi", "3Gi", "1536Mi"));
    amounts.put("hugepages-any", List.of("1", "2", "0"));
    amounts.put("nvidia.com/gpu", List.of("1", "2", "3", "0", "500m", "-1"));
    amounts.put("example.com/dev", List.of("1", "2", "4", "2.5"));
    amounts.put("kubernetes.io/batch", List.of("1", "1.5", "2", "-1"));
    amounts.put("requests.cpu", List.of("1", "2", "3"));
    amounts.put("pods", List.of("1", "2", "3"));
    amounts.put("storage", List.of("1Gi", "2Gi", "3Gi"));
    amounts.put("Example.com/dev", List.of("1", "2", "3"));
    return amounts;
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  /**
   * The first error on the pod's resources when the spec holds it beside the tenant, whose LimitRange fills it in
   * (not the tenant's Pod Security level, which this pod does not meet, and the server does not enforce here).
   */
  private static Optional<String> plannerError(Tenant tenant, Pod pod) {
    try {
      ClusterSpec.builder().name("platform").component(tenant).resource(pod).build().plan();
      return Optional.empty();
    } catch (SpecValidationException e) {
      return e.errors().stream().filter(p -> p.resource().map(r -> r.kind().equals("Pod")).orElse(false)
          && p.field().filter(f -> f.contains(".resources")).isPresent()).map(Problem::toString).findFirst();
    }
  }

  /** The first error of planning a spec of the tenant alone on an object of this kind. */
  private static Optional<String> plannerError(Tenant tenant, String kind) {
    try {
      ClusterSpec.builder().name("platform").component(tenant).build().plan();
      return Optional.empty();
    } catch (SpecValidationException e) {
      return e.errors().stream().filter(p -> p.resource().map(r -> r.kind().equals(kind)).orElse(false))
          .map(Problem::toString).findFirst();
    }
  }

  private static <T extends HasMetadata> T compiled(Tenant tenant, Class<T> type) {
    return tenant.compile(null).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /**
   * The server's message when it refuses the request as invalid (400 or 422) or existing (409), or empty when it
   * accepts it.
   */
  private static Optional<String> refusal(Supplier<?> request) {
    try {
      request.get();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 400 && e.getCode() != 409 && e.getCode() != 422) throw e;
      return Optional.of(e.getCode() + " " + e.getStatus().getMessage());
    }
  }

  /** A tenant's default requests and limits. */
  private record Defaults(Map<String, String> requests, Map<String, String> limits) {
    @Override
    public String toString() {
      return "defaultRequests " + requests + ", defaultLimits " + limits;
    }
  }
}
