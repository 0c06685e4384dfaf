package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import dev.shipshape.security.auditlog.AuditResources;
import dev.shipshape.testing.internal.ControlPlaneAssets;
import dev.shipshape.testing.internal.ControlPlaneProcesses;
import dev.shipshape.testing.internal.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kube-apiserver (1.34), started with a policy that readiness fails, does not log the requests the
 * findings give as evidence, and logs their counterparts that readiness passes: the requests are sent as the
 * findings' requester ({@code some-user}), who may do nothing, as an audit event is written for a forbidden request
 * as for any other.
 */
class AuditPolicyEvidenceServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void theRequestsAFindingNamesAreMissingFromTheRealAuditLog() throws Exception {
    Optional<ControlPlaneAssets> assets = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY)).found();
    Assumptions.assumeTrue(assets.isPresent(), () -> "no kube-apiserver binaries: "
        + ControlPlaneAssets.locate(System.getenv(), System.getProperty(ControlPlaneAssets.PROPERTY)).reason()
        .orElse("") + " — the evidence of the audit-policy-coverage findings is not checked against the real"
        + " server");
    AuditPolicy quiet = AuditPolicy.builder().name("quiet-reads")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).verbs("get", "list", "watch"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    List<String> evidence = Fixtures.check(Fixtures.withoutAuditPolicy().component(quiet).build()).findings()
        .findings("audit-policy-coverage").stream().map(Finding::message).map(m -> m.substring(m.indexOf('\'') + 1,
            m.indexOf("' by some-user"))).collect(Collectors.toList());
    assertThat(evidence).containsExactly("get pods/exec some-name in shop", "get secrets some-name in shop");

    Path policy = Files.writeString(work.resolve("policy.yaml"), quiet.toYaml());
    Path log = work.resolve("audit.log");
    ControlPlaneProcesses server = ControlPlaneProcesses.start(assets.get(), List.of("--audit-policy-file=" + policy,
        "--audit-log-path=" + log));
    try (KubernetesClient someUser = KubernetesExecutor.clientFor(Kubeconfigs.clientConfig(server.url(),
        server.pki(), "some-user", List.of()))) {
      // The findings' requests first, then what readiness finds logged: kubectl exec over SPDY, a Secret created.
      send(someUser, "GET", "/api/v1/namespaces/shop/pods/some-name/exec?command=id");
      send(someUser, "GET", "/api/v1/namespaces/shop/secrets/some-name");
      send(someUser, "POST", "/api/v1/namespaces/shop/pods/some-name/exec?command=id");
      send(someUser, "POST", "/api/v1/namespaces/shop/secrets");
      List<String> logged = awaitEvents(log, 2);
      assertThat(logged).containsExactly("create pods/exec some-name in shop Metadata",
          "create secrets in shop Metadata");
    } finally {
      server.stop();
    }
  }

  @Test
  void theGroupsAndRequestsOnlySomeRulesLeaveOutAreMissingFromTheRealAuditLog() throws Exception {
    Optional<ControlPlaneAssets> assets = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY)).found();
    Assumptions.assumeTrue(assets.isPresent(), () -> "no kube-apiserver binaries: "
        + ControlPlaneAssets.locate(System.getenv(), System.getProperty(ControlPlaneAssets.PROPERTY)).reason()
        .orElse("") + " — the evidence of the audit-policy-coverage findings is not checked against the real server");
    AuditPolicy quiet = AuditPolicy.builder().name("quiet-corners")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("oidc:sre").resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).verbs("deletecollection"))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("pods/ephemeralcontainers",
            "nodes/proxy")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    List<String> evidence = Fixtures.check(Fixtures.withoutAuditPolicy().component(quiet).build()).findings()
        .findings("audit-policy-coverage").stream().map(Finding::message).map(m -> m.substring(m.indexOf('\'') + 1,
            m.indexOf(" is decided"))).collect(Collectors.toList());
    // Each cause its finding: rules[0] hides the group's Secret changes and reads, rules[1] every deletecollection.
    assertThat(evidence).containsExactly(
        "create secrets in shop' by some-user (groups oidc:sre, system:authenticated)",
        "get secrets some-name in shop' by some-user (groups oidc:sre, system:authenticated)",
        "deletecollection roles.rbac.authorization.k8s.io in shop' by some-user (groups system:authenticated)",
        "deletecollection secrets in shop' by some-user (groups system:authenticated)",
        "patch pods/ephemeralcontainers some-name in shop' by some-user (groups system:authenticated)",
        "deletecollection pods in shop' by some-user (groups system:authenticated)");

    Path policy = Files.writeString(work.resolve("policy.yaml"), quiet.toYaml());
    Path log = work.resolve("audit.log");
    ControlPlaneProcesses server = ControlPlaneProcesses.start(assets.get(), List.of("--audit-policy-file=" + policy,
        "--audit-log-path=" + log));
    try (KubernetesClient someUser = KubernetesExecutor.clientFor(Kubeconfigs.clientConfig(server.url(),
        server.pki(), "some-user", List.of()));
        KubernetesClient sre = KubernetesExecutor.clientFor(Kubeconfigs.clientConfig(server.url(), server.pki(),
            "some-user", List.of("oidc:sre")))) {
      // The findings' requests (and the kubelet's API, which the same rule leaves out) first, then their logged
      // counterparts: a Secret read by a user outside the group, one Secret deleted, a command run in a pod.
      send(someUser, "DELETE", "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles");
      send(someUser, "DELETE", "/api/v1/namespaces/shop/secrets");
      send(someUser, "PATCH", "/api/v1/namespaces/shop/pods/some-name/ephemeralcontainers");
      send(sre, "POST", "/api/v1/namespaces/shop/secrets");
      send(sre, "GET", "/api/v1/namespaces/shop/secrets/some-name");
      send(someUser, "DELETE", "/api/v1/namespaces/shop/pods");
      send(someUser, "GET", "/api/v1/nodes/some-name/proxy");
      send(someUser, "GET", "/api/v1/namespaces/shop/secrets/some-name");
      send(someUser, "DELETE", "/api/v1/namespaces/shop/secrets/some-name");
      send(sre, "POST", "/api/v1/namespaces/shop/pods/some-name/exec?command=id");
      assertThat(awaitEvents(log, 3)).containsExactly("get secrets some-name in shop Metadata",
          "delete secrets some-name in shop Metadata", "create pods/exec some-name in shop Metadata [oidc:sre]");
    } finally {
      server.stop();
    }
  }

  /** Sends a request that the API server forbids (some-user has no permission); only its audit event matters. */
  private static void send(KubernetesClient client, String method, String path) {
    try {
      client.raw(client.getMasterUrl().toString().replaceFirst("/$", "") + path, method,
          method.equals("POST") || method.equals("PATCH") ? Map.of() : null);
    } catch (KubernetesClientException expected) {
      assertThat(expected.getCode()).as(method + " " + path).isEqualTo(403);
    }
  }

  /**
   * some-user's events, {@code verb resource[/subresource] [name] in namespace level [groups]} (groups not of
   * Kubernetes itself), once {@code count} are in.
   */
  private static List<String> awaitEvents(Path log, int count) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<String> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      events = events(log);
      if (events.size() >= count) break;
      Thread.sleep(200);
    }
    // The forbidden requests were answered before the counted ones were sent; a second more for any late event.
    Thread.sleep(1000);
    return events(log);
  }

  private static List<String> events(Path log) throws IOException {
    if (!Files.exists(log)) return List.of();
    List<String> events = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode event = JSON.readTree(line);
      if (!event.path("user").path("username").asText().equals("some-user")) continue;
      if (!event.path("stage").asText().equals("ResponseComplete")) continue;
      JsonNode ref = event.path("objectRef");
      String resource = ref.path("resource").asText() + (ref.has("subresource") ? "/"
          + ref.path("subresource").asText() : "");
      String name = ref.has("name") ? " " + ref.path("name").asText() : "";
      List<String> groups = StreamSupport.stream(event.path("user").path("groups").spliterator(), false)
          .map(JsonNode::asText).filter(g -> !g.startsWith("system:")).collect(Collectors.toList());
      events.add(event.path("verb").asText() + " " + resource + name + " in " + ref.path("namespace").asText() + " "
          + event.path("level").asText() + (groups.isEmpty() ? "" : " " + groups));
    }
    return events;
  }
}
