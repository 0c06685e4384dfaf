package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.Velero;
import dev.shipshape.core.ClusterSpec;
import org.junit.jupiter.api.Test;

class AvailabilityRulesTest {
  private static ClusterSpec spec(String web, String... more) {
    ClusterSpec.Builder b = ClusterSpec.builder().name("avail").kubernetesVersion("1.34")
        .preExistingCrd(Velero.CRDS).preExistingNamespace("velero")
        .yaml(Fixtures.NAMESPACE).yaml(web).component(Fixtures.isolation(), Fixtures.encryption());
    for (String m : more) b.yaml(m);
    return b.build();
  }

  private static String replicas(int n) {
    return Fixtures.WEB.replace("replicas: 3", "replicas: " + n);
  }

  @Test
  void aSingleReplicaWithoutBudgetIsAHighGap() {
    ReadinessReport report = Fixtures.check(spec(replicas(1)));
    assertThat(lines(report, "single-replica-without-pdb")).containsExactly("HIGH single-replica-without-pdb"
        + " Deployment.apps shop/web spec.replicas: runs 1 replica and no PodDisruptionBudget covers it: a node"
        + " drain, upgrade or crash takes it down until it is rescheduled — run at least 2 replicas, spread over"
        + " nodes, with a PodDisruptionBudget such as maxUnavailable: 1");
    assertThat(report.score(Pitfall.AVAILABILITY).status()).isEqualTo("fail");
    assertThat(report.failed()).as("a HIGH gap fails the report without failingAt").isTrue();
  }

  @Test
  void aSingleReplicaWithABudgetThatAllowsAnEvictionPasses() {
    String budget = Fixtures.BUDGET.replace("maxUnavailable: 1", "minAvailable: 0");
    ReadinessReport report = Fixtures.check(spec(replicas(1), budget));
    assertThat(lines(report, "single-replica-without-pdb")).isEmpty();
    assertThat(lines(report, "pdb-blocks-eviction")).isEmpty();
  }

  @Test
  void replicasWithoutBudgetAreAGapAndABudgetClosesIt() {
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB)), "replicas-without-pdb")).containsExactly(
        "MEDIUM replicas-without-pdb Deployment.apps shop/web: runs 3 replicas and no PodDisruptionBudget selects"
            + " its pods: a node drain may evict all of them at once — add a PodDisruptionBudget selecting its"
            + " pods, such as maxUnavailable: 1");
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB, Fixtures.BUDGET)), "replicas-without-pdb")).isEmpty();
  }

  @Test
  void aBudgetThatAllowsNoEvictionBlocksDrains() {
    String all = Fixtures.BUDGET.replace("maxUnavailable: 1", "minAvailable: \"100%\"");
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB, all)), "pdb-blocks-eviction")).containsExactly(
        "MEDIUM pdb-blocks-eviction PodDisruptionBudget.policy shop/web spec.minAvailable: allows no voluntary"
            + " eviction of the 3 pods it selects: node drains and upgrades stop until someone deletes a pod by"
            + " hand — allow at least one disruption: lower minAvailable below the replica count, or set"
            + " maxUnavailable: 1, and run more replicas");
    String zero = Fixtures.BUDGET.replace("maxUnavailable: 1", "maxUnavailable: 0");
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB, zero)), "pdb-blocks-eviction")).hasSize(1);
    String half = Fixtures.BUDGET.replace("maxUnavailable: 1", "minAvailable: \"50%\"");
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB, half)), "pdb-blocks-eviction")).isEmpty();
  }

  @Test
  void replicasThatNothingSpreadsMayShareANode() {
    String unspread = Fixtures.WEB.replaceAll("(?s)      topologySpreadConstraints:.*?app: web\n      containers",
        "      containers");
    assertThat(lines(Fixtures.check(spec(unspread, Fixtures.BUDGET)), "replicas-not-spread")).containsExactly(
        "MEDIUM replicas-not-spread Deployment.apps shop/web spec.template.spec: runs 3 replicas with no"
            + " podAntiAffinity or topologySpreadConstraints: they may all land on one node and fail with it — add"
            + " topologySpreadConstraints over kubernetes.io/hostname (and topology.kubernetes.io/zone), or a"
            + " podAntiAffinity on the workload's labels");
    String anti = unspread.replace("      containers:\n", "      affinity:\n        podAntiAffinity:\n"
        + "          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n"
        + "            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n"
        + "              labelSelector:\n                matchLabels:\n                  app: web\n"
        + "      containers:\n");
    assertThat(lines(Fixtures.check(spec(anti, Fixtures.BUDGET)), "replicas-not-spread")).isEmpty();
  }

  @Test
  void anAutoscalersMinimumReplacesTheReplicaCount() {
    String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n"
        + "  namespace: shop\nspec:\n  minReplicas: 2\n  maxReplicas: 5\n  scaleTargetRef:\n    apiVersion: apps/v1\n"
        + "    kind: Deployment\n    name: web\n";
    ReadinessReport report = Fixtures.check(spec(replicas(1), hpa));
    assertThat(lines(report, "single-replica-without-pdb")).isEmpty();
    assertThat(lines(report, "replicas-without-pdb")).singleElement().asString().contains("runs 2 replicas");
    // An autoscaler of another namespace, or of another workload, does not count.
    ReadinessReport elsewhere = Fixtures.check(spec(replicas(1), hpa.replace("namespace: shop", "namespace: ops"),
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n", hpa.replace("name: web\n", "name: api\n")));
    assertThat(lines(elsewhere, "single-replica-without-pdb")).hasSize(1);
  }

  @Test
  void aBudgetSelectsThePodsOfItsOwnNamespaceOnly() {
    String otherNamespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n";
    String budget = Fixtures.BUDGET.replace("namespace: shop", "namespace: ops");
    assertThat(lines(Fixtures.check(spec(Fixtures.WEB, otherNamespace, budget)), "replicas-without-pdb"))
        .hasSize(1);
  }
}
