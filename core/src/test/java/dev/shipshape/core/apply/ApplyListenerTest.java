package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events an apply sends to its listener, in order, and the listeners that ship with the executor. */
@EnableKubernetesMockClient(crud = true)
class ApplyListenerTest extends MockServerExecutorTest {
  /** Wave 0: the Namespace; wave 1, behind its Active gate: two ConfigMaps. */
  private static Plan twoWaves() {
    return ClusterSpec.builder().name("shop").yaml("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
          namespace: shop
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b
          namespace: shop
        """).build().plan();
  }

  private ApplyReport apply(ApplyListener listener) {
    // One request at a time, so that the order of object events is deterministic.
    return executor.toBuilder().strategy(ApplyStrategy.CLIENT_SIDE).concurrency(1)
        .pollInterval(Duration.ofMillis(10)).build()
        .apply(twoWaves(), ApplyOptions.builder().prune(true)
            .listener(ApplyListener.composite(new ControllerStandIn(client), listener)).build());
  }

  @Test
  void eventsArriveInTheDocumentedOrder() {
    RecordingListener recording = new RecordingListener();

    apply(recording).throwIfFailed();

    assertThat(recording.events()).containsExactly(
        "applyStart shop",
        "waveStart 0",
        "resourceStart Namespace shop",
        "resourceEnd Namespace shop CREATED",
        "waveEnd 0",
        "waitStart Namespace shop to be Active",
        "waitEnd Namespace shop to be Active: Active",
        "waveStart 1",
        "resourceStart ConfigMap shop/a",
        "resourceEnd ConfigMap shop/a CREATED",
        "resourceStart ConfigMap shop/b",
        "resourceEnd ConfigMap shop/b CREATED",
        "waveEnd 1",
        "pruneEnd ",
        "applyEnd success");
  }

  @Test
  void aCompositeForwardsEveryEventToEachListenerInOrder() {
    List<String> seen = new ArrayList<>();
    ApplyListener first = new ApplyListener() {
      @Override
      public void resourceEnd(ResourceResult result) {
        seen.add("first " + result.ref().name());
      }
    };
    ApplyListener second = new ApplyListener() {
      @Override
      public void resourceEnd(ResourceResult result) {
        seen.add("second " + result.ref().name());
      }
    };

    apply(ApplyListener.composite(first, second)).throwIfFailed();

    assertThat(seen).containsExactly("first shop", "second shop", "first a", "second a", "first b", "second b");
  }

  @Test
  void thePrintingListenerPrintsOneLinePerWaveAndGate() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    apply(new PrintingApplyListener(new PrintStream(out, true, StandardCharsets.UTF_8))).throwIfFailed();

    assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\d+ ms", "N ms")).isEqualTo("""
        Applying shop: 3 objects in 2 waves
        wave 0: 1 objects done (1 created) in N ms
          waited for Namespace shop to be Active: Active
        wave 1: 2 objects done (2 created) in N ms
        pruned 0 objects
        Applied shop in N ms: 3 changed, success
        """);
  }
}
