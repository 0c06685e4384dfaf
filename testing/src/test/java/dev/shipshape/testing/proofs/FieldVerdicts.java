package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields the API server refuses in an object and the fields a plan's errors name, for the proofs that compare
 * them case by case: each case is one object in YAML, dry-run on the server (several at a time) and planned alone.
 */
final class FieldVerdicts {
  /** Flow-style YAML begins with '{', which would be read as JSON: a comment first makes it YAML. */
  static final String YAML = "# case\n";

  private FieldVerdicts() {}

  /**
   * Asserts that for every case the server refuses the same fields as the plan ({@code server} and {@code plan} read
   * each case's YAML), and that the server refuses between a quarter and three quarters of the cases, so that both
   * verdicts are exercised.
   */
  static void assertSame(List<String> cases, Function<String, Set<String>> server, Function<String, Set<String>> plan)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Set<String>>> byServer = new ArrayList<>();
      for (String text : cases) byServer.add(pool.submit(() -> server.apply(YAML + text)));
      List<String> disagreements = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < cases.size(); i++) {
        Set<String> fromServer = byServer.get(i).get(60, TimeUnit.SECONDS);
        Set<String> ours = plan.apply(YAML + cases.get(i));
        if (!fromServer.isEmpty()) refused++;
        if (!fromServer.equals(ours)) {
          disagreements.add(cases.get(i) + "\n  the server refuses " + fromServer + ", the plan " + ours);
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(refused).as("cases refused by the server").isBetween(cases.size() / 4, cases.size() * 3 / 4);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Creates the namespace of the cases with its {@code default} ServiceAccount, which the ServiceAccount admission
   * plugin needs for a Pod's dry run: the controller-manager makes it only a moment after the namespace.
   */
  static void namespaceWithDefaultAccount(KubernetesClient client, String namespace) {
    TestNamespaces.create(client, namespace);
    try {
      client.resource(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(namespace)
          .endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
    }
  }

  /** The object of a case's YAML, as the server would read it. */
  static GenericKubernetesResource object(KubernetesClient client, String text) {
    return client.getKubernetesSerialization().unmarshal(text, GenericKubernetesResource.class);
  }

  /** The fields a server-side dry run refuses in {@code object}; empty when it accepts the object. */
  static Set<String> refusedByServer(KubernetesClient client, GenericKubernetesResource object) {
    try {
      client.resource(object).dryRun().create();
      return Set.of();
    } catch (KubernetesClientException e) {
      Status status = e.getStatus();
      if (e.getCode() != 422 || status == null || status.getDetails() == null) throw e;
      return status.getDetails().getCauses().stream().map(StatusCause::getField)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The fields of the errors of a spec of {@code text} in the pre-existing namespace; empty when it plans. */
  static Set<String> refusedByPlan(String namespace, String text) {
    ClusterSpec spec = ClusterSpec.builder().name("fidelity").preExistingNamespace(namespace).yaml(text).build();
    try {
      spec.plan();
      return Set.of();
    } catch (SpecValidationException e) {
      return e.problems().stream().filter(Problem::isError).map(p -> p.field().orElse(""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
