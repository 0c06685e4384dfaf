package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipshape mesh release} against a real kube-apiserver with Istio's CRDs: a watch on the live
 * VirtualService records the weights every step writes, and a gate that does not hold rolls the release back.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class MeshReleaseControlPlaneTest {
  private static final Set<String> CRDS = Set.of("virtualservices.networking.istio.io",
      "destinationrules.networking.istio.io", "peerauthentications.security.istio.io");

  @TempDir
  Path home;

  /** A script with the shop app in {@code ns}, its mesh components, and a canary release gated by {@code gate}. */
  private Path script(String ns, String gate) throws Exception {
    List<HasMetadata> crds = Manifests.read(SharedData.require("k8s-reference/crds/istio")).stream()
        .filter(c -> CRDS.contains(c.getMetadata().getName())).collect(Collectors.toList());
    Files.writeString(home.resolve("crds.yaml"), Manifests.toYaml(crds));
    Files.writeString(home.resolve("app.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Namespace", "metadata: {name: " + ns + "}", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata: {name: health, namespace: " + ns + "}",
        "data: {status: ok}", "---",
        "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: " + ns + "}",
        "spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}", "---",
        deployment(ns, "v1"), "---", deployment(ns, "v2"), ""));
    return Files.writeString(home.resolve("release.jsh"), String.join("\n",
        "TrafficRoutes routes = TrafficRoutes.forService(\"" + ns + "\", \"web\").timeout(\"2s\");",
        "ClusterSpec spec = ClusterSpec.builder().name(\"" + ns + "\")",
        "    .yamlFile(scriptDir.resolve(\"crds.yaml\")).yamlFile(scriptDir.resolve(\"app.yaml\"))",
        "    .component(MeshMembership.sidecar(\"" + ns + "\"),",
        "        TrafficPolicy.forService(\"" + ns + "\", \"web\").subset(\"v1\", Map.of(\"version\", \"v1\"))",
        "            .subset(\"v2\", Map.of(\"version\", \"v2\")),",
        "        routes.allTo(\"v1\"))",
        "    .build();",
        "ReadinessCondition healthy = new ReadinessCondition() {",
        "  public String description() { return \"health status ok\"; }",
        "  public ConditionResult evaluate(HasMetadata live) {",
        "    String status = ((ConfigMap) live).getData().get(\"status\");",
        "    return \"ok\".equals(status) ? ConditionResult.met(\"status ok\")",
        "        : ConditionResult.notMet(\"status \" + status);",
        "  }",
        "};",
        "CanaryRelease release = CanaryRelease.of(routes).stable(\"v1\").canary(\"v2\").steps(10, 50, 100)",
        "    .gate(" + gate + ");", ""));
  }

  private static String deployment(String ns, String version) {
    return String.join("\n", "apiVersion: apps/v1", "kind: Deployment",
        "metadata: {name: web-" + version + ", namespace: " + ns + "}", "spec:",
        "  selector: {matchLabels: {app: web, version: " + version + "}}", "  template:",
        "    metadata: {labels: {app: web, version: " + version + "}}",
        "    spec: {containers: [{name: web, image: registry.example/web:" + version + "}]}");
  }

  /** Runs the release, recording the weights of every change of the live VirtualService. */
  private List<String> release(KubernetesClient client, String ns, String gate, int expectedChanges,
      CliRunner.Result[] result) throws Exception {
    Path script = script(ns, gate);
    String kubeconfig = LocalControlPlane.shared().kubeconfig().toString();
    CliRunner.Result setup = CliRunner.withVariables(Map.of("HOME", home.toString()))
        .run("apply", "--kubeconfig", kubeconfig, script.toString());
    assertThat(setup.exitCode).as(setup.toString()).isZero();
    List<String> changes = new CopyOnWriteArrayList<>();
    try (Watch ignored = client.genericKubernetesResources("networking.istio.io/v1", "VirtualService")
        .inNamespace(ns).withName("web").watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, GenericKubernetesResource vs) {
            if (action == Action.MODIFIED) changes.add(weights(vs));
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      result[0] = CliRunner.withVariables(Map.of("HOME", home.toString()))
          .run("mesh", "release", "--kubeconfig", kubeconfig, "--poll-interval", "100ms", script.toString());
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (changes.size() < expectedChanges && System.nanoTime() < deadline) Thread.sleep(50);
    } finally {
      client.namespaces().withName(ns).delete();
    }
    return new ArrayList<>(changes);
  }

  private static String weights(HasMetadata vs) {
    JsonNode http = Manifests.toTree(vs).path("spec").path("http");
    List<String> weights = new ArrayList<>();
    for (JsonNode route : http.get(http.size() - 1).path("route")) {
      weights.add(route.path("destination").path("subset").asText() + "=" + route.path("weight").asInt());
    }
    return String.join(" ", weights);
  }

  @Test
  void eachStepShiftsTheLiveWeightsWhileTheGateHolds(KubernetesClient client) throws Exception {
    CliRunner.Result[] result = new CliRunner.Result[1];
    List<String> changes = release(client, "mesh-release-ok",
        "ReleaseGate.of(ResourceRef.core(\"ConfigMap\", \"mesh-release-ok\", \"health\"), healthy)", 3, result);

    assertThat(result[0].exitCode).as(result[0].toString()).isZero();
    assertThat(changes).containsExactly("v1=90 v2=10", "v1=50 v2=50", "v1=0 v2=100");
    assertThat(result[0].out).contains("Release: canary mesh-release-ok/web v1 -> v2 (3 steps, gate: health status ok"
            + " on ConfigMap mesh-release-ok/health)",
        "step 1/3 canary 10%: applying weights {v1=90, v2=10}", "  gate after canary 10%: holds (status ok)",
        "step 3/3 canary 100%: applying weights {v1=0, v2=100}",
        "Release completed: [canary 10%, canary 50%, canary 100%]");
    assertThat(result[0].out)
        .containsPattern("weights \\{v1=90, v2=10}\n  applied: \\d+ updated, \\d+ unchanged in \\d+ ms");
  }

  @Test
  void aGateThatDoesNotHoldRollsTheLiveRoutesBack(KubernetesClient client) throws Exception {
    CliRunner.Result[] result = new CliRunner.Result[1];
    List<String> changes = release(client, "mesh-release-bad",
        "ReleaseGate.deploymentReady(\"mesh-release-bad\", \"web-v2\").timeout(java.time.Duration.ofMillis(400))", 2,
        result);

    // A control plane without nodes runs no pods, so the canary Deployment never becomes available.
    assertThat(result[0].exitCode).as(result[0].toString()).isEqualTo(5);
    assertThat(changes).containsExactly("v1=90 v2=10", "v1=100 v2=0");
    assertThat(result[0].out).contains("  gate after canary 10%: not yet",
        "ROLLING BACK: rollback to v1, weights {v1=100, v2=0}", "Release rolled back: gate ");
  }

  @Test
  void aScriptWithoutReleaseIsASpecError() throws Exception {
    Path script = Files.writeString(home.resolve("norelease.jsh"),
        "ClusterSpec spec = ClusterSpec.builder().name(\"x\").build();\nString release = \"soon\";\n");
    CliRunner.Result result = CliRunner.withVariables(Map.of("HOME", home.toString()))
        .run("mesh", "release", "--embedded", script.toString());
    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).contains("assigns a String to 'release', not a CanaryRelease or AbTest");
  }
}
