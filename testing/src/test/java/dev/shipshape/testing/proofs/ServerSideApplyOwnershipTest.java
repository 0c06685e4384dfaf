package dev.shipshape.testing.proofs;

import static dev.shipshape.testing.proofs.Preflights.rejectedBeforeAnyWrite;
import static dev.shipshape.testing.proofs.ProofObjects.namespace;
import static dev.shipshape.testing.proofs.ProofObjects.webDeployment;
import static dev.shipshape.testing.proofs.Reports.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.WriteCounter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply's field ownership on a real API server
 * (https://kubernetes.io/docs/reference/using-api/server-side-apply/): fields the spec no longer sets are removed,
 * fields another field manager owns are reported as conflicts naming the manager and the field, and forcing takes
 * them over. The client-side strategy, which has no notion of ownership, keeps removed fields.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ServerSideApplyOwnershipTest {

  private static ClusterSpec configMap(String namespace, String data, String labels) {
    return ClusterSpec.builder().name(namespace).yaml(namespace(namespace) + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: %1$s, labels: {%3$s}}
        data: {%2$s}
        """.formatted(namespace, data, labels)).build();
  }

  private static ClusterSpec deployment(String namespace, int replicas) {
    return ClusterSpec.builder().name(namespace).yaml(namespace(namespace) + "---\n"
        + webDeployment(namespace, "replicas: " + replicas, "")).build();
  }

  private static ApplyReport apply(KubernetesClient client, ClusterSpec spec) {
    return apply(KubernetesExecutor.using(client), spec);
  }

  private static ApplyReport apply(KubernetesExecutor executor, ClusterSpec spec) {
    ApplyReport report = executor.apply(spec.plan(), ApplyOptions.defaults());
    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    return report;
  }

  @Test
  void aFieldRemovedFromTheSpecIsRemovedFromTheLiveObject(KubernetesClient client) {
    String ns = "ssa-own-remove";
    apply(client, configMap(ns, "mode: live, level: debug", "tier: web, team: shop"));
    // Someone else's field on the same object stays: only what the spec's field manager owned is removed.
    client.configMaps().inNamespace(ns).withName("settings").edit(cm -> {
      cm.getData().put("owner", "ops");
      return cm;
    });

    ApplyReport second = apply(client, configMap(ns, "mode: live", "tier: web"));

    assertThat(second.results()).filteredOn(r -> r.ref().kind().equals("ConfigMap")).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.UPDATED));
    ConfigMap live = client.configMaps().inNamespace(ns).withName("settings").get();
    assertThat(live.getData()).isEqualTo(Map.of("mode", "live", "owner", "ops"));
    assertThat(live.getMetadata().getLabels()).containsEntry("tier", "web").doesNotContainKey("team");
    // And the removal converged: a third apply writes nothing.
    WriteCounter counter = WriteCounter.create();
    try (KubernetesClient counting = counter.countingClient(client)) {
      apply(counting, configMap(ns, "mode: live", "tier: web"));
    }
    assertThat(counter.writes()).isEmpty();
  }

  /**
   * Applies the Deployment with 2 replicas; then another controller (here a scaler) takes {@code spec.replicas}
   * over and sets 5, as an HPA or {@code kubectl scale} would.
   */
  private static void appliedThenScaledByAnotherManager(KubernetesClient client, String ns) {
    apply(client, deployment(ns, 2));
    client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName("web")
        .withNamespace(ns).endMetadata().withNewSpec().withReplicas(5).endSpec().build())
        .fieldManager("team-scaler").forceConflicts().serverSideApply();
  }

  private static int liveReplicas(KubernetesClient client, String ns) {
    return client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas();
  }

  @Test
  void aFieldOwnedByAnotherManagerIsAConflictNamingTheManagerAndTheFieldBeforeAnythingIsWritten(
      KubernetesClient client) {
    String ns = "ssa-own-conflict";
    appliedThenScaledByAnotherManager(client, ns);

    PreflightException rejected = rejectedBeforeAnyWrite(client, deployment(ns, 3));

    assertThat(rejected.problems()).singleElement().satisfies(p -> {
      assertThat(p.resource().orElseThrow().toString()).isEqualTo("Deployment.apps ssa-own-conflict/web");
      assertThat(p.field()).contains("spec.replicas");
      assertThat(p.message()).isEqualTo("owned by field manager \"team-scaler\", and the spec sets another "
          + "value (server-side apply conflict)");
      assertThat(p.fix()).contains("--force-conflicts (KubernetesExecutor.Builder.forceConflicts(true))");
    });
    assertThat(liveReplicas(client, ns)).isEqualTo(5);
  }

  @Test
  void withoutThePreflightTheWriteReportsTheSameConflict(KubernetesClient client) {
    String ns = "ssa-own-conflict-write";
    appliedThenScaledByAnotherManager(client, ns);

    ApplyReport report = KubernetesExecutor.builder(client).preflight(false).build()
        .apply(deployment(ns, 3).plan(), ApplyOptions.defaults());

    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.statusCode()).contains(409);
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(r.message()).contains("conflict: field manager \"team-scaler\" owns .spec.replicas — to take these "
          + "fields over, apply with --force-conflicts (KubernetesExecutor.Builder.forceConflicts(true)); to leave "
          + "them to their managers, remove them from the spec");
    });
    assertThat(liveReplicas(client, ns)).isEqualTo(5);
  }

  @Test
  void forcingTakesTheFieldOver(KubernetesClient client) {
    String ns = "ssa-own-force";
    appliedThenScaledByAnotherManager(client, ns);

    apply(KubernetesExecutor.builder(client).forceConflicts(true).build(), deployment(ns, 3));

    Deployment live = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(live.getSpec().getReplicas()).isEqualTo(3);
    Map<String, String> replicasOwners = live.getMetadata().getManagedFields().stream()
        .filter(f -> f.getSubresource() == null && String.valueOf(f.getFieldsV1().getAdditionalProperties()
            .get("f:spec")).contains("f:replicas"))
        .collect(Collectors.toMap(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation));
    assertThat(replicasOwners).isEqualTo(Map.of("shipshape", "Apply"));
    // Without force, the next apply has nothing to take over any more.
    apply(client, deployment(ns, 3));
  }

  @Test
  void theClientSideStrategyKeepsFieldsRemovedFromTheSpec(KubernetesClient client) {
    String ns = "ssa-own-client";
    KubernetesExecutor clientSide = KubernetesExecutor.builder(client).strategy(ApplyStrategy.CLIENT_SIDE).build();
    apply(clientSide, configMap(ns, "mode: live, level: debug", "tier: web, team: shop"));

    // A JSON merge patch only names what the spec sets; without ownership, nothing tells what to remove.
    ApplyReport removed = apply(clientSide, configMap(ns, "mode: live", "tier: web"));
    ApplyReport changed = apply(clientSide, configMap(ns, "mode: test", "tier: web"));

    assertThat(resultOf(removed, "ConfigMap").outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(resultOf(changed, "ConfigMap").outcome()).isEqualTo(Outcome.UPDATED);
    ConfigMap live = client.configMaps().inNamespace(ns).withName("settings").get();
    assertThat(live.getData()).isEqualTo(Map.of("mode", "test", "level", "debug"));
    assertThat(live.getMetadata().getLabels()).containsEntry("team", "shop");
    // Switching to server-side apply does not clean up either: the fields were written by updates, not applies,
    // so the server counts them as no one's to remove. Remove them by hand (kubectl edit) or recreate the object.
    apply(client, configMap(ns, "mode: test", "tier: web"));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData()).containsKey("level");
  }
}
