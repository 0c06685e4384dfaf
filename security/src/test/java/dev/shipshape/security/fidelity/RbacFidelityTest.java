package dev.shipshape.security.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.security.rbac.analysis.Decision;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.security.rbac.analysis.SubjectAccess;
import dev.shipshape.security.rbac.internal.RbacGraph;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The offline analyzer against the real RBAC authorizer of a local kube-apiserver: generated rule sets (with the
 * cluster's bootstrap roles and bindings, aggregated by the kube-controller-manager) and thousands of
 * SubjectAccessReviews, which must all agree with {@link RbacAnalyzer#canI} and {@link RbacAnalyzer#whoCan}.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacFidelityTest {
  private static final long[] SEEDS = {11, 23, 42};
  private static final int QUERIES_PER_SEED = 800;

  private final List<GeneratedRbac> sets = new ArrayList<>();
  private RbacAnalyzer analyzer;
  private final List<AuthorizerOracle.Query> queries = new ArrayList<>();
  private List<Boolean> server;
  private final List<AuthorizerOracle.Query> subjectQueries = new ArrayList<>();
  private List<Boolean> subjectAnswers;

  @BeforeAll
  void applyGeneratedRbacAndAskTheServer(KubernetesClient client) throws InterruptedException {
    for (String ns : GeneratedRbac.NAMESPACES) {
      TestNamespaces.create(client, ns);
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (long seed : SEEDS) {
      GeneratedRbac set = new GeneratedRbac(seed, "s" + seed + "-");
      sets.add(set);
      objects.addAll(set.objects());
    }
    objects.forEach(o -> client.resource(o).forceConflicts().serverSideApply());
    analyzer = awaitAggregation(client, objects);
    GeneratedRbac.namedCollectionRequests().forEach(r -> queries.add(new AuthorizerOracle.Query(
        Requester.user("alice"), r)));
    for (GeneratedRbac set : sets) {
      List<Requester> requesters = set.requesters();
      for (int i = 0; i < QUERIES_PER_SEED; i++) {
        queries.add(new AuthorizerOracle.Query(requesters.get(i % requesters.size()), set.request()));
      }
    }
    for (int i = 0; i < queries.size(); i += 8) {
      for (SubjectAccess s : analyzer.whoCan(queries.get(i).request)) {
        subjectQueries.add(new AuthorizerOracle.Query(Requester.of(s.subject()), queries.get(i).request));
      }
    }
    // Every question is asked here, before the extension deletes the namespaces (after each test).
    AuthorizerOracle oracle = new AuthorizerOracle(client);
    server = oracle.allowed(queries);
    subjectAnswers = oracle.allowed(subjectQueries);
  }

  @AfterAll
  void deleteClusterScopedObjects(KubernetesClient client) {
    client.rbac().clusterRoleBindings().withLabels(GeneratedRbac.label()).delete();
    client.rbac().clusterRoles().withLabels(GeneratedRbac.label()).delete();
  }

  /**
   * Waits until the aggregation controller gave every aggregated ClusterRole of the set the rules the analyzer
   * computes from the selectors, and returns the analyzer of the whole live cluster.
   */
  private static RbacAnalyzer awaitAggregation(KubernetesClient client, List<HasMetadata> objects)
      throws InterruptedException {
    List<String> aggregated = objects.stream().filter(o -> o instanceof ClusterRole
        && ((ClusterRole) o).getAggregationRule() != null).map(o -> o.getMetadata().getName())
        .collect(Collectors.toList());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> pending = aggregated;
    while (System.nanoTime() < deadline) {
      List<ClusterRole> live = client.rbac().clusterRoles().list().getItems();
      RbacGraph graph = RbacGraph.of(live);
      pending = live.stream().filter(r -> aggregated.contains(r.getMetadata().getName()))
          .filter(r -> !rulesOf(r).equals(graph.rulesOf(ResourceRef.of(r)).stream().map(s -> s.rule)
              .collect(Collectors.toSet())))
          .map(r -> r.getMetadata().getName()).collect(Collectors.toList());
      if (pending.isEmpty()) return RbacAnalyzer.fromCluster(client);
      Thread.sleep(200);
    }
    throw new AssertionError("the aggregation controller did not give these ClusterRoles the rules the analyzer"
        + " computes within 30 s: " + pending);
  }

  private static Set<Rule> rulesOf(ClusterRole role) {
    return role.getRules() == null ? Set.of()
        : role.getRules().stream().map(Rule::from).collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void canIAgreesWithEverySubjectAccessReview() {
    assertThat(queries).hasSizeGreaterThanOrEqualTo(2000);
    List<String> disagreements = new ArrayList<>();
    int allowed = 0;
    for (int i = 0; i < queries.size(); i++) {
      AuthorizerOracle.Query q = queries.get(i);
      Decision d = analyzer.canI(q.requester, q.request);
      if (server.get(i)) allowed++;
      if (d.allowed() != server.get(i)) disagreements.add("server " + (server.get(i) ? "allows" : "denies") + ": "
          + d.explain());
    }
    assertThat(disagreements).as("analyzer vs SubjectAccessReview").isEmpty();
    // The requests that once disagreed: a create or deletecollection carrying a name that a rule lists.
    long namedCreates = 0;
    for (int i = 0; i < queries.size(); i++) {
      AuthorizerOracle.Query q = queries.get(i);
      boolean collectionVerb = q.request.verb().equals("create") || q.request.verb().equals("deletecollection");
      if (collectionVerb && q.request.name().isPresent() && server.get(i) && analyzer.canI(q.requester, q.request)
          .allowedBy().stream().anyMatch(p -> !p.rule().resourceNames().isEmpty())) {
        namedCreates++;
      }
    }
    assertThat(namedCreates).isPositive();
    // Both answers occur often enough for the comparison to mean something.
    assertThat(allowed).isBetween(queries.size() / 10, queries.size() * 9 / 10);
  }

  @Test
  void whoCanNamesASubjectOfTheRequesterExactlyWhenTheServerAllows() {
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      AuthorizerOracle.Query q = queries.get(i);
      if (q.requester.groups().contains("system:masters")) continue;
      List<SubjectAccess> who = analyzer.whoCan(q.request);
      boolean named = who.stream().anyMatch(s -> q.requester.matches(s.subject()));
      if (named != server.get(i)) {
        disagreements.add(q + ": server " + server.get(i) + ", whoCan " + who);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void everySubjectWhoCanNamesIsAllowedByTheServer() {
    List<String> denied = new ArrayList<>();
    for (int i = 0; i < subjectQueries.size(); i++) {
      if (!subjectAnswers.get(i)) denied.add(subjectQueries.get(i).toString());
    }
    assertThat(subjectQueries).hasSizeGreaterThan(100);
    assertThat(denied).isEmpty();
  }
}
