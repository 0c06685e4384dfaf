package dev.shipshape.security.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.security.pss.PodSecurityCheck;
import dev.shipshape.security.pss.PodSecurityLevel;
import dev.shipshape.security.pss.PodSecurityViolation;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link PodSecurityCheck} against the real Pod Security admission of a local kube-apiserver: every generated pod is
 * created with {@code dryRun=All} in a namespace per enforce level (and one pinned to an older policy version), and
 * the analyzer must reject exactly the pods admission rejects, for the same reasons.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class PodSecurityFidelityTest {
  private static final int PODS = 200;

  /** A namespace with an enforce level and version. */
  private static final class Target {
    final String namespace;
    final PodSecurityLevel level;
    final String version;

    Target(String namespace, PodSecurityLevel level, String version) {
      this.namespace = namespace;
      this.level = level;
      this.version = version;
    }
  }

  private static final List<Target> TARGETS = List.of(
      new Target("fid-psa-privileged", PodSecurityLevel.PRIVILEGED, "latest"),
      new Target("fid-psa-baseline", PodSecurityLevel.BASELINE, "latest"),
      new Target("fid-psa-restricted", PodSecurityLevel.RESTRICTED, "latest"),
      new Target("fid-psa-restricted-v1-24", PodSecurityLevel.RESTRICTED, "v1.24"));

  @Test
  void theAnalyzerRejectsExactlyThePodsAdmissionRejects(KubernetesClient client) throws Exception {
    for (Target t : TARGETS) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(t.namespace)
          .addToLabels("pod-security.kubernetes.io/enforce", t.level.label())
          .addToLabels("pod-security.kubernetes.io/enforce-version", t.version).endMetadata().build())
          .forceConflicts().serverSideApply();
      client.resource(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(t.namespace)
          .endMetadata().build()).forceConflicts().serverSideApply();
    }
    KubernetesVersion version = KubernetesVersion.parse(client.getKubernetesVersion().getMajor() + "."
        + client.getKubernetesVersion().getMinor().replaceAll("[^0-9]", ""));
    PodSecurityCheck check = PodSecurityCheck.forVersion(version);
    GeneratedPods generator = new GeneratedPods(7);
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < PODS; i++) pods.add(generator.pod(i));

    List<Pod> asked = new ArrayList<>();
    List<Target> where = new ArrayList<>();
    for (Pod pod : pods) {
      for (Target t : TARGETS) {
        asked.add(pod);
        where.add(t);
      }
    }
    List<Optional<String>> verdicts = dryRun(client, asked, where);

    List<String> invalid = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < asked.size(); i++) {
      Pod pod = asked.get(i);
      Target t = where.get(i);
      Optional<String> server = verdicts.get(i);
      if (server.isPresent() && !server.get().contains("violates PodSecurity")) {
        invalid.add(pod.getMetadata().getName() + ": " + server.get());
        continue;
      }
      List<PodSecurityViolation> mine = check.evaluate(ResourceRef.core("Pod", t.namespace,
          pod.getMetadata().getName()), new PodTemplateSpec(pod.getMetadata(), pod.getSpec()), t.level, t.version);
      if (server.isPresent()) rejected++;
      boolean sameVerdict = server.isPresent() == !mine.isEmpty();
      boolean sameReasons = mine.stream().allMatch(v -> server.orElse("").contains(v.reason() + " ("));
      if (!sameVerdict || !sameReasons) {
        disagreements.add(t.namespace + " " + pod.getMetadata().getName() + "\n  server: " + server.orElse("admitted")
            + "\n  analyzer: " + mine.stream().map(v -> v.reason() + " (" + v.detail() + ")")
            .collect(Collectors.toList()) + "\n  pod: " + Manifests.toYaml(pod));
      }
    }
    assertThat(disagreements).as("PodSecurityCheck vs admission").isEmpty();
    assertThat(invalid).as("pods the generator made that the API server's validation rejects").isEmpty();
    assertThat(rejected).isBetween(asked.size() / 5, asked.size() * 4 / 5);
  }

  /** Admission's answer for each pod: empty when admitted, else the server's message. */
  private static List<Optional<String>> dryRun(KubernetesClient client, List<Pod> pods, List<Target> where)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<String>>> futures = new ArrayList<>();
      for (int i = 0; i < pods.size(); i++) {
        Pod pod = pods.get(i);
        String ns = where.get(i).namespace;
        futures.add(pool.submit(() -> {
          try {
            client.pods().inNamespace(ns).resource(pod).dryRun().create();
            return Optional.<String>empty();
          } catch (KubernetesClientException e) {
            return Optional.of(e.getCode() + " " + (e.getStatus() == null ? e.getMessage()
                : e.getStatus().getMessage()));
          }
        }));
      }
      List<Optional<String>> out = new ArrayList<>();
      for (Future<Optional<String>> f : futures) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
