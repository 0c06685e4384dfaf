package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ApplySet that a pruning apply records is the one {@code kubectl apply --prune --applyset} (KEP-3659) reads:
 * kubectl finds the parent, computes the same id, reads the tooling annotation and refuses to change a set another
 * tool manages; and when the set is handed over to kubectl (its tooling annotation rewritten), kubectl's dry-run
 * prune lists exactly the members Shipshape's own prune would delete. Needs {@code kubectl} on the PATH (or named
 * by environment variable {@code KUBECTL}); without it the tests are skipped with that reason.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class KubectlApplySetInteropTest {
  private static Path kubectl;

  @BeforeAll
  static void findKubectl() {
    Optional<Path> found = Optional.ofNullable(System.getenv("KUBECTL")).map(Path::of)
        .or(() -> Arrays.stream(String.valueOf(System.getenv("PATH")).split(File.pathSeparator))
            .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst());
    Assumptions.assumeTrue(found.isPresent(), "kubectl is not on the PATH (nor named by KUBECTL): the ApplySet "
        + "interoperability with kubectl is not checked");
    kubectl = found.get();
  }

  /** Two namespaces, ConfigMaps a and b in the first, a Role in the second: four group-kinds across two namespaces. */
  private static ClusterSpec spec(String ns) {
    return ClusterSpec.builder().name(ns).yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s-other}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: %1$s}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b, namespace: %1$s}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: %1$s-other}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
        """.formatted(ns)).build();
  }

  private static final String ONLY_A = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a, namespace: %s}
      """;

  private static void applyWithPrune(KubernetesClient client, ClusterSpec spec) {
    ApplyReport report = KubernetesExecutor.using(client).apply(spec.plan(),
        ApplyOptions.builder().prune(true).build());
    assertThat(report.isSuccess()).as(report.toText()).isTrue();
  }

  @Test
  void kubectlFindsTheSetAndLeavesASetOfAnotherToolAlone(KubernetesClient client, @TempDir Path dir)
      throws Exception {
    String ns = "kx-own";
    applyWithPrune(client, spec(ns));
    Path manifest = Files.writeString(dir.resolve("a.yaml"), ONLY_A.formatted(ns));

    Result result = kubectlPrune(ns, "applyset-" + ns, manifest);

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr).contains("ApplySet parent object \"secrets./applyset-" + ns + "\" already exists and "
        + "is managed by tooling \"shipshape\" instead of \"kubectl\"");
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNotNull();
  }

  @Test
  void handedOverToKubectlItsDryRunPruneListsTheMembersShipshapeWouldPrune(KubernetesClient client,
      @TempDir Path dir) throws Exception {
    String ns = "kx-handover";
    applyWithPrune(client, spec(ns));
    Secret parent = client.secrets().inNamespace(ns).withName("applyset-" + ns).get();
    String id = ApplySet.forSpec(ns, ns).id();
    assertThat(parent.getMetadata().getLabels()).containsEntry(ApplySet.ID_LABEL, id);
    assertThat(parent.getMetadata().getAnnotations()).containsAllEntriesOf(Map.of(
        ApplySet.TOOLING_ANNOTATION, "shipshape/v1",
        ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION, "ConfigMap,Namespace,Role.rbac.authorization.k8s.io",
        ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION, ns + "-other"));
    // What Shipshape itself would prune when the spec shrinks to ConfigMap a (a dry run: nothing is deleted).
    ClusterSpec onlyA = ClusterSpec.builder().name(ns).preExistingNamespace(ns).yaml(ONLY_A.formatted(ns)).build();
    ApplyReport shrunk = KubernetesExecutor.builder(client).applySetNamespace(ns).build().apply(onlyA.plan(),
        ApplyOptions.builder().prune(true).dryRun(true).build());
    Set<String> shipshapePrunes = shrunk.results().stream().filter(r -> r.outcome() == Outcome.PRUNED)
        .map(r -> r.ref().kind().toLowerCase(Locale.ROOT) + "/" + r.ref().name())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(shipshapePrunes).containsExactly("configmap/b", "namespace/" + ns, "namespace/" + ns + "-other",
        "role/reader");
    // Handing the set over to kubectl: the KEP lets only the tool named by the tooling annotation change a set.
    String tooling = "kubectl/" + kubectlVersion();
    client.secrets().inNamespace(ns).withName("applyset-" + ns).edit(s -> {
      s.getMetadata().getAnnotations().put(ApplySet.TOOLING_ANNOTATION, tooling);
      return s;
    });
    Path manifest = Files.writeString(dir.resolve("a.yaml"), ONLY_A.formatted(ns));

    Result result = kubectlPrune(ns, "applyset-" + ns, manifest);

    assertThat(result.exitCode).as(result.toString()).isZero();
    Set<String> kubectlPrunes = result.stdout.lines().filter(l -> l.endsWith(" pruned (server dry run)"))
        .map(l -> l.substring(0, l.indexOf(' ')).replace(".rbac.authorization.k8s.io", ""))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(kubectlPrunes).as(result.toString()).isEqualTo(shipshapePrunes);
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNotNull();
  }

  private static String kubectlVersion() throws IOException, InterruptedException {
    Result version = run(List.of(kubectl.toString(), "version", "--client", "-o", "json"));
    String gitVersion = new ObjectMapper().readTree(version.stdout).path("clientVersion").path("gitVersion").asText();
    return gitVersion.replaceAll("^(v\\d+\\.\\d+).*", "$1");
  }

  private static Result kubectlPrune(String namespace, String parent, Path manifest)
      throws IOException, InterruptedException {
    return run(List.of(kubectl.toString(), "--kubeconfig", LocalControlPlane.shared().kubeconfig().toString(),
        "apply", "--server-side", "--dry-run=server", "--prune", "--applyset=" + parent, "-n", namespace,
        "-f", manifest.toString()));
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECTL_APPLYSET", "true");
    Process process = builder.start();
    process.getOutputStream().close();
    List<String> out = new ArrayList<>();
    Thread stdout = new Thread(() -> out.add(read(process.getInputStream())));
    stdout.start();
    String stderr = read(process.getErrorStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish in 120 s: " + command);
    }
    stdout.join();
    return new Result(process.exitValue(), out.get(0), stderr);
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }
}
