package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The apply may reuse the live state its preflight read, but only while the run has changed nothing: once a wave
 * wrote, the next wave reads its objects again, so a change made in between is seen and corrected.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LiveStateBetweenWavesTest {
  private static final String NS = "live-between-waves";

  @Test
  void aWaveAfterAWriteSeesWhatChangedSinceThePreflight(KubernetesClient client) {
    ClusterSpec before = spec("old");
    KubernetesExecutor executor = KubernetesExecutor.using(client);
    assertThat(executor.apply(before.plan(), ApplyOptions.defaults()).isSuccess()).isTrue();
    // The namespace's label changes (wave 0 writes); the ConfigMap (wave 1) is as the spec wants it.
    ClusterSpec after = spec("new");
    ApplyListener meddler = new ApplyListener() {
      @Override
      public void waveEnd(Wave wave) {
        if (wave.index() == 0) {
          client.configMaps().inNamespace(NS).withName("settings")
              .edit(c -> { c.getData().put("mode", "edited by hand"); return c; });
        }
      }
    };

    // The hand edit makes another field manager own data.mode: the second apply takes it back.
    ApplyReport report = KubernetesExecutor.builder(client).forceConflicts(true).build()
        .apply(after.plan(), ApplyOptions.builder().listener(meddler).build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(report.results()).filteredOn(r -> r.ref().equals(ResourceRef.namespaced("", "ConfigMap", NS,
        "settings"))).singleElement().extracting(r -> r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getData())
        .isEqualTo(Map.of("mode", "live"));
  }

  private static ClusterSpec spec(String tier) {
    return ClusterSpec.builder().name("live-between-waves").yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s, labels: {tier: %s}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: %s}
        data: {mode: live}
        """.formatted(NS, tier, NS)).build();
  }
}
