package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipshape profile} against a real API server, through a kubeconfig as a user passes it, with Node objects
 * the test creates (the local control plane runs no kubelet, and the API server accepts Nodes without one).
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class ProfileCommandTest {
  @TempDir
  Path dir;

  private KubernetesClient client;
  private String kubeconfig;
  private final List<String> nodes = new ArrayList<>();

  @BeforeEach
  void cluster(KubernetesClient client) {
    this.client = client;
    kubeconfig = LocalControlPlane.shared().kubeconfig().toString();
  }

  @AfterEach
  void removeNodes() {
    nodes.forEach(n -> client.nodes().withName(n).delete());
  }

  private void node(String name, String providerId, Map<String, String> labels) {
    Node node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withProviderID(providerId).endSpec().build();
    client.nodes().resource(node).create();
    nodes.add(name);
  }

  /** A spec for {@code profile} whose YAML writes kube-proxy's ConfigMap when {@code kubeProxyConfigMap}. */
  private Path spec(String profile, boolean kubeProxyConfigMap) throws IOException {
    String yaml = kubeProxyConfigMap ? String.join("\n",
        "String yaml = \"\"\"",
        "    apiVersion: v1",
        "    kind: ConfigMap",
        "    metadata: {name: kube-proxy, namespace: kube-system}",
        "    data: {config.conf: 'mode: ipvs'}",
        "    ---", "") : "String yaml = \"\"\"\n";
    String script = yaml + String.join("\n",
        "    apiVersion: v1",
        "    kind: Namespace",
        "    metadata: {name: shop}",
        "    \"\"\";",
        "ClusterSpec spec = ClusterSpec.builder().name(\"shop\").yaml(yaml).preExistingNamespace(\"kube-system\")",
        "    .clusterProfile(ClusterProfile." + profile + ").build();",
        "");
    return Files.writeString(dir.resolve(profile.toLowerCase() + (kubeProxyConfigMap ? "-proxy" : "") + ".jsh"),
        script);
  }

  private CliRunner.Result run(String... args) {
    return CliRunner.isolated(dir).run(args);
  }

  /** {@code profile --live} on the control plane, with {@code args} after. */
  private CliRunner.Result profileLive(String... args) {
    List<String> all = new ArrayList<>(List.of("profile", "--live", "--kubeconfig", kubeconfig));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  @Test
  void liveDetectionPrintsTheProfileItsEvidenceAndTheProvidersSettings() {
    node("profile-eks-a", "aws:///eu-west-1a/i-0a1b2c3d4e5f60718", Map.of());
    node("profile-eks-b", "aws:///eu-west-1b/i-0a1b2c3d4e5f60719", Map.of());

    CliRunner.Result result = profileLive();

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith("detected: Amazon EKS\n"
        + "  2 of 2 nodes have providerID aws://… (such as aws:///eu-west-1a/i-0a1b2c3d4e5f60718 on profile-eks-a)\n"
        + "provider-side settings for Amazon EKS:\n"
        + "  etcd encryption at rest: EKS envelope-encrypts all Kubernetes API data by default from Kubernetes 1.28");
    assertThat(result.out).contains("  control-plane audit logs: ", "  Kubernetes version upgrades: ",
        "  kube-proxy mode: ", "    aws eks update-cluster-config --name <cluster> --logging ",
        "    https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html\n");
    assertThat(result.out).doesNotContain("spec:");
  }

  @Test
  void jsonCarriesTheDetectionEvidenceAndAdvice() throws IOException {
    node("profile-ovh-a", "openstack:///6f1f0c8e-7d41-4d1c-9e0a-0c4b2d1e3f55",
        Map.of("node.k8s.ovh/type", "standard", "nodepool", "default"));

    CliRunner.Result result = profileLive("--format", "json");

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(json.path("check").asText()).isEqualTo("profile");
    assertThat(json.path("detected").path("profile").asText()).isEqualTo("OVHCLOUD");
    assertThat(json.path("detected").path("evidence").get(1).asText())
        .isEqualTo("every node has an OVHcloud Managed Kubernetes label (such as node.k8s.ovh/type=standard)");
    assertThat(json.path("advice")).extracting(a -> a.path("topic").asText())
        .containsExactly("ETCD_ENCRYPTION", "AUDIT_LOGS", "VERSION_UPGRADES", "KUBE_PROXY_MODE");
    assertThat(json.path("advice").get(3).path("setting").asText()).contains("iptables and ipvs (no nftables)");
    assertThat(json.path("failed").asBoolean()).isFalse();
    assertThat(json.has("declared")).isFalse();
  }

  @Test
  void aSpecForAnotherProviderAndObjectsTheProviderOwnsAreErrors() throws IOException {
    node("profile-gke-a", "gce://shop-prod/europe-west1-b/gke-pool-1-a", Map.of());

    CliRunner.Result result = profileLive(spec("EKS", true).toString());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).contains("detected: Google GKE\n", "spec: Amazon EKS\n",
        "provider-side settings for Amazon EKS:\n");
    assertThat(result.out).contains("HIGH cluster-profile-mismatch: the spec is for Amazon EKS, but the cluster is"
        + " Google GKE (1 of 1 nodes have providerID gce://… (such as gce://shop-prod/europe-west1-b/gke-pool-1-a on"
        + " profile-gke-a)) — target the right cluster, or declare clusterProfile(ClusterProfile.GKE) and plan"
        + " again\n");
    assertThat(result.out).contains("HIGH provider-owned-object ConfigMap kube-system/kube-proxy: Amazon EKS owns"
        + " kube-proxy's configuration and overwrites or ignores this object; the spec must not write it — remove it"
        + " from the spec (for a managed profile the SDK's own components leave it out) and set it on the"
        + " provider's side: kube-proxy is the EKS kube-proxy add-on");
    assertThat(result.out).contains("profile: 2 findings, 2 high (1 rules); FAILED at --fail-on high\n");

    CliRunner.Result lenient = profileLive(spec("EKS", true).toString(),
        "--fail-on", "critical");
    assertThat(lenient.exitCode).as(lenient.toString()).isZero();
  }

  @Test
  void aMatchingSpecPassesAndWithoutLiveOnlyTheSpecIsChecked() throws IOException {
    node("profile-aks-a", "azure:///subscriptions/0000/resourceGroups/mc_shop/providers/Microsoft.Compute/"
        + "virtualMachineScaleSets/aks-pool-1/virtualMachines/0", Map.of());

    CliRunner.Result live = profileLive(spec("AKS", false).toString());
    assertThat(live.exitCode).as(live.toString()).isZero();
    assertThat(live.out).contains("detected: Azure AKS\n", "spec: Azure AKS\n",
        "az aks update --resource-group <group> --name <cluster> --enable-azure-keyvault-kms",
        "profile: 0 findings (1 rules); passed at --fail-on high\n");

    CliRunner.Result offline = run("profile", spec("OVHCLOUD", true).toString(), "--format", "json");
    assertThat(offline.exitCode).as(offline.toString()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(offline.out);
    assertThat(json.has("detected")).isFalse();
    assertThat(json.path("declared").asText()).isEqualTo("OVHCLOUD");
    assertThat(json.path("findings").path("findings")).extracting(f -> f.path("ruleId").asText())
        .containsExactly("provider-owned-object");
  }

  @Test
  void mixedProvidersMatchNoProfile() {
    node("profile-mix-a", "aws:///eu-west-1a/i-1", Map.of());
    node("profile-mix-b", "gce://p/z/n", Map.of());

    CliRunner.Result result = profileLive();

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo("detected: no known profile\n"
        + "  1 of 2 nodes have providerID aws://… (such as aws:///eu-west-1a/i-1 on profile-mix-a)\n"
        + "  1 of 2 nodes have providerID gce://… (such as gce://p/z/n on profile-mix-b)\n");
  }

  @Test
  void helpNamesTheOptionsAndTheExitCodes() {
    CliRunner.Result help = run("profile", "--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("--live", "--kubeconfig=FILE", "--context=NAME", "--env=NAME", "--format=F",
        "--fail-on=SEVERITY", "[SPEC [--name=NAME]", "Spec (optional):", "Exit codes:", "4     cluster unusable");
  }

  @Test
  void wrongUseAndUnusableInputHaveTheirExitCodes() throws IOException {
    CliRunner.Result nothing = run("profile");
    assertThat(nothing.exitCode).as(nothing.toString()).isEqualTo(2);
    assertThat(nothing.err).contains("nothing to check: give --live to detect the cluster's profile, SPEC to check"
        + " a spec's, or both");

    CliRunner.Result clusterWithoutLive = run("profile", "--kubeconfig", kubeconfig, spec("GKE", false).toString());
    assertThat(clusterWithoutLive.exitCode).as(clusterWithoutLive.toString()).isEqualTo(2);

    CliRunner.Result unknownRule = run("profile", spec("GKE", false).toString(), "--exclude", "nope");
    assertThat(unknownRule.exitCode).as(unknownRule.toString()).isEqualTo(2);
    assertThat(unknownRule.err).contains("--exclude nope names no profile rule — use one of "
        + "cluster-profile-mismatch, cluster-profile-undeclared, cluster-profile-unknown, provider-owned-object");

    CliRunner.Result missing = run("profile", dir.resolve("missing.jsh").toString());
    assertThat(missing.exitCode).as(missing.toString()).isEqualTo(3);

    Path unreachable = Files.writeString(dir.resolve("unreachable.kubeconfig"), String.join("\n",
        "apiVersion: v1", "kind: Config", "current-context: gone",
        "clusters: [{name: gone, cluster: {server: 'https://127.0.0.1:1'}}]",
        "contexts: [{name: gone, context: {cluster: gone, user: gone}}]",
        "users: [{name: gone, user: {token: t}}]", ""));
    CliRunner.Result down = run("profile", "--live", "--kubeconfig", unreachable.toString());
    assertThat(down.exitCode).as(down.toString()).isEqualTo(4);
  }
}
