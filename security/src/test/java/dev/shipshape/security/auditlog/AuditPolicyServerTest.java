package dev.shipshape.security.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Problem;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.security.servers.ApiServerVerdict;
import dev.shipshape.security.servers.EtcdProcess;
import dev.shipshape.testing.internal.ControlPlaneAssets;
import dev.shipshape.testing.internal.ControlPlaneProcesses;
import dev.shipshape.testing.internal.Pki;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kube-apiserver judges audit policies twice: it must refuse to start on exactly the policies our checks
 * call errors (the server's own rules; our stricter Secret-body rule is acknowledged away here), and, started with a
 * policy, it must log every request at the level {@link AuditPolicy#decide} gives (read from its audit log, each
 * request marked by its user agent; a request logged at no stage is level None).
 */
class AuditPolicyServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> URLS = List.of("/healthz", "/healthz*", "/api*", "/apis/apps", "*", "healthz",
      "/api/*/x", "");
  private static final List<String> GROUPS = List.of("", "apps", "rbac.authorization.k8s.io", "apps/v1", "Apps");
  private static final List<String> RESOURCES = List.of("pods", "pods/log", "pods/*", "*/status", "*", "secrets",
      "deployments", "deployments/scale", "nodes");
  private static final List<String> USERS = List.of("alice", "bob", "system:anonymous", "1000");
  private static final List<String> USER_GROUPS = List.of("dev", "ops", "system:authenticated",
      "system:unauthenticated");
  private static final List<String> VERBS = List.of("get", "list", "create", "patch", "delete", "post");
  private static final List<String> NAMESPACES = List.of("", "shop", "team", "2024");

  @TempDir
  Path work;

  @Test
  void theApiServerRefusesToStartOnExactlyThePoliciesWithErrors() throws Exception {
    Map<String, AuditPolicy> cases = new LinkedHashMap<>(chosenCases());
    Random random = new Random(20261206L);
    for (int i = 0; i < 10; i++) cases.put("generated " + i, generated(random, true));
    try (EtcdProcess etcd = EtcdProcess.start(Files.createDirectory(work.resolve("etcd")), false, List.of())) {
      ApiServerVerdict server = ApiServerVerdict.in(work, etcd.clientPort);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Map<String, Future<Optional<String>>> verdicts = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, AuditPolicy> c : cases.entrySet()) {
          Path file = Files.writeString(work.resolve("policy-" + n + ".yaml"), AuditPolicyFile.render(c.getValue()));
          Path log = work.resolve("audit-" + n++ + ".log");
          verdicts.put(c.getKey(), pool.submit(() -> server.verdict(List.of("--audit-policy-file=" + file,
              "--audit-log-path=" + log))));
        }
        List<String> disagreements = new ArrayList<>();
        int refused = 0;
        for (Map.Entry<String, AuditPolicy> c : cases.entrySet()) {
          Optional<String> verdict = verdicts.get(c.getKey()).get(120, TimeUnit.SECONDS);
          List<String> ours = AuditPolicyChecks.check(c.getValue()).stream().filter(Problem::isError)
              .map(Problem::toString).collect(Collectors.toList());
          if (verdict.isPresent()) refused++;
          if (verdict.isPresent() == ours.isEmpty()) {
            disagreements.add(c.getKey() + ": the API server " + verdict.map(v -> "refuses it (" + v + ")")
                .orElse("starts") + ", our checks " + (ours.isEmpty() ? "find no error" : "say " + ours) + "\n"
                + AuditPolicyFile.render(c.getValue()));
          }
        }
        assertThat(disagreements).as("policies judged differently").isEmpty();
        assertThat(refused).as("refused policies").isBetween(6, cases.size() - 4);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theApiServerLogsEveryRequestAtTheLevelWeDecide() throws Exception {
    ControlPlaneAssets.Result located = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY));
    // The verdict test's judge skips (or fails, where the binaries are required) without them.
    ApiServerVerdict.requireBinaries();
    Random random = new Random(6122026L);
    List<AuditPolicy> policies = new ArrayList<>(List.of(AuditPolicy.recommended()));
    while (policies.size() < 3) {
      AuditPolicy policy = generated(random, false);
      if (AuditPolicyChecks.check(policy).stream().noneMatch(Problem::isError)) policies.add(policy);
    }
    List<String> disagreements = new ArrayList<>();
    int logged = 0;
    for (int p = 0; p < policies.size(); p++) {
      AuditPolicy policy = policies.get(p);
      Path file = Files.writeString(work.resolve("policy-" + p + ".yaml"), AuditPolicyFile.render(policy));
      Path log = work.resolve("audit-" + p + ".log");
      ControlPlaneProcesses server = ControlPlaneProcesses.start(located.found().get(),
          List.of("--audit-policy-file=" + file, "--audit-log-path=" + log));
      try {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> described = new HashMap<>();
        int n = 0;
        for (Requester who : requesters()) {
          HttpClient client = client(server, who);
          for (AccessRequest what : probes()) {
            String agent = "audit-probe-" + p + "-" + n++;
            send(client, server.url(), what, agent);
            expected.put(agent, policy.decide(who, what).level().wireName());
            described.put(agent, what + " by " + who);
          }
        }
        Map<String, String> actual = levels(log, expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
          String level = actual.getOrDefault(e.getKey(), "None");
          if (!level.equals("None")) logged++;
          if (!level.equals(e.getValue())) {
            disagreements.add("policy " + p + ", " + described.get(e.getKey()) + ": the API server logs it at "
                + level + ", we decide " + e.getValue());
          }
        }
      } finally {
        server.stop();
      }
    }
    assertThat(disagreements).as("requests logged at another level").isEmpty();
    assertThat(logged).as("requests logged").isGreaterThan(50);
  }

  @Test
  void theApiServerWritesEventsAtTheStagesWeDecide() throws Exception {
    ControlPlaneAssets.Result located = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY));
    ApiServerVerdict.requireBinaries();
    AuditPolicy policy = AuditPolicy.builder().rule(AuditPolicyRule.at(AuditLevel.METADATA)).build();
    Path file = Files.writeString(work.resolve("policy.yaml"), AuditPolicyFile.render(policy));
    Path log = work.resolve("audit.log");
    ControlPlaneProcesses server = ControlPlaneProcesses.start(located.found().get(),
        List.of("--audit-policy-file=" + file, "--audit-log-path=" + log));
    try {
      Requester alice = Requester.user("alice", "dev");
      HttpClient client = client(server, alice);
      Map<String, AccessRequest> sent = new LinkedHashMap<>();
      String[][] requests = {{"get", "pods/exec", "shop", "web"}, {"create", "pods/exec", "shop", "web"},
          {"get", "pods/log", "shop", "web"}, {"create", "pods/portforward", "shop", "web"},
          {"get", "pods/proxy", "shop", "web"}, {"get", "services/proxy", "shop", "web"},
          {"get", "nodes/proxy", null, "node-1"}, {"create", "pods/attach", "shop", "web"},
          {"watch", "pods", "shop", null}, {"watch", "secrets", null, null}, {"get", "pods", "shop", "web"},
          {"list", "pods", "shop", null}, {"create", "secrets", "shop", null},
          {"patch", "pods/ephemeralcontainers", "shop", "web"}, {"deletecollection", "pods", "shop", null}};
      for (String[] r : requests) {
        AccessRequest what = AccessRequest.parse(r[0], r[1], r[2], r[3]);
        String mark = "stage-probe-" + sent.size();
        send(client, server.url(), what, mark);
        sent.put(mark, what);
      }
      Map<String, List<String>> stages = new HashMap<>();
      for (JsonNode event : events(log)) {
        stages.computeIfAbsent(event.path("userAgent").asText(), a -> new ArrayList<>())
            .add(event.path("stage").asText());
      }
      List<String> disagreements = new ArrayList<>();
      sent.forEach((mark, what) -> {
        List<String> decided = policy.decide(alice, what).writtenStages().stream().map(AuditStage::wireName)
            .collect(Collectors.toList());
        List<String> written = stages.getOrDefault(mark, List.of());
        if (!written.equals(decided)) {
          disagreements.add(what + ": the API server writes " + written + ", we decide " + decided);
        }
      });
      assertThat(disagreements).as("requests written at other stages").isEmpty();
    } finally {
      server.stop();
    }
  }

  /** Each rule of the checks once, and policies the server must accept. */
  private static Map<String, AuditPolicy> chosenCases() {
    Map<String, AuditPolicy> cases = new LinkedHashMap<>();
    AuditPolicyRule.Builder all = AuditPolicyRule.at(AuditLevel.METADATA);
    cases.put("the recommended policy", AuditPolicy.recommended());
    cases.put("no rules", AuditPolicy.builder().build());
    cases.put("a URL without a slash", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz")));
    cases.put("a star inside a URL", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/api/*/x")));
    cases.put("an empty URL", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("")));
    cases.put("every URL", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("*")));
    cases.put("URLs and namespaces", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz")
        .namespaces("shop")));
    cases.put("URLs and resources", policy(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz")
        .resources(AuditResources.core("pods"))));
    cases.put("a group with a version", policy(AuditPolicyRule.at(AuditLevel.REQUEST)
        .resources(AuditResources.of("apps/v1", "deployments"))));
    cases.put("a group in capitals", policy(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of(
        "Apps"))));
    cases.put("a group ending in a dot", policy(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of(
        "apps."))));
    cases.put("a group of 254 characters", policy(AuditPolicyRule.at(AuditLevel.REQUEST)
        .resources(AuditResources.of("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
            + "d".repeat(62)))));
    cases.put("object names without a resource", policy(AuditPolicyRule.at(AuditLevel.REQUEST)
        .resources(AuditResources.of("apps").named("web"))));
    cases.put("warnings only", policy(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("GET")
        .resources(AuditResources.of("core", "Pods")), all));
    cases.put("the empty namespace and subresources", policy(AuditPolicyRule.at(AuditLevel.REQUEST).namespaces("")
        .resources(AuditResources.core("*/status", "pods/*").named("web")), all));
    cases.put("stages and managed fields", AuditPolicy.builder().omitStages(AuditStage.REQUEST_RECEIVED,
        AuditStage.PANIC).omitManagedFields(true).rule(all.omitStages(AuditStage.RESPONSE_STARTED)
        .omitManagedFields(false)).build());
    return cases;
  }

  private static AuditPolicy policy(AuditPolicyRule.Builder... rules) {
    AuditPolicy.Builder policy = AuditPolicy.builder();
    for (AuditPolicyRule.Builder rule : rules) policy.rule(rule);
    return policy.build();
  }

  /** One to six rules drawn from small pools (invalid URLs and groups only when {@code invalid}). */
  private static AuditPolicy generated(Random random, boolean invalid) {
    AuditPolicy.Builder policy = AuditPolicy.builder().secretBodiesAcknowledged(true);
    int rules = 1 + random.nextInt(6);
    for (int i = 0; i < rules; i++) {
      AuditPolicyRule.Builder rule = AuditPolicyRule.at(AuditLevel.values()[random.nextInt(4)]);
      rule.users(some(random, USERS, 2)).userGroups(some(random, USER_GROUPS, 2)).verbs(some(random, VERBS, 3));
      switch (random.nextInt(invalid ? 4 : 3)) {
        case 0:
          break;
        case 1:
          rule.namespaces(some(random, NAMESPACES, 2));
          int entries = random.nextInt(3);
          for (int j = 0; j < entries; j++) {
            List<String> groups = invalid ? GROUPS : GROUPS.subList(0, 3);
            AuditResources resources = AuditResources.of(groups.get(random.nextInt(groups.size())),
                some(random, RESOURCES, 3));
            if (invalid || !resources.resources().isEmpty()) {
              resources = resources.named(some(random, List.of("web", "db"), 1));
            }
            rule.resources(resources);
          }
          break;
        case 2:
          rule.nonResourceURLs(some(random, invalid ? URLS : URLS.subList(0, 5), 2));
          if (rule.build().nonResourceURLs().isEmpty()) rule.nonResourceURLs("*");
          break;
        default:
          rule.nonResourceURLs(some(random, URLS, 2)).namespaces(some(random, NAMESPACES, 1));
      }
      policy.rule(rule);
    }
    return policy.build();
  }

  private static String[] some(Random random, List<String> pool, int most) {
    int count = random.nextInt(most + 1);
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String value = pool.get(random.nextInt(pool.size()));
      if (!chosen.contains(value)) chosen.add(value);
    }
    return chosen.toArray(String[]::new);
  }

  private static List<Requester> requesters() {
    return List.of(Requester.user("alice", "dev"), Requester.user("bob", "ops"), Requester.user("carol"),
        Requester.anonymous());
  }

  private static List<AccessRequest> probes() {
    List<AccessRequest> probes = new ArrayList<>();
    String[][] resources = {{"get", "pods", "shop", "web"}, {"list", "pods", "shop", null}, {"list", "pods", null,
        null}, {"get", "pods/log", "shop", "web"}, {"create", "pods", "shop", null}, {"delete", "pods", "team", "db"},
        {"patch", "deployments.apps", "shop", "web"}, {"get", "deployments.apps/scale", "team", "web"},
        {"update", "deployments.apps/status", "shop", "db"}, {"get", "nodes", null, "web"}, {"list", "nodes", null,
        null}, {"get", "secrets", "shop", "db"}, {"create", "secrets", "team", null},
        {"deletecollection", "pods", "shop", null}, {"create", "rolebindings.rbac.authorization.k8s.io", "shop",
        null}, {"get", "/healthz", null, null}, {"get", "/healthz/etcd", null, null}, {"get", "/api", null, null},
        {"get", "/apis/apps", null, null}, {"get", "/version", null, null}, {"post", "/some-path", null, null},
        {"get", "namespaces", null, "shop"}, {"update", "namespaces/finalize", null, "team"},
        {"get", "configmaps", "2024", "web"}};
    for (String[] r : resources) probes.add(AccessRequest.parse(r[0], r[1], r[2], r[3]));
    return probes;
  }

  private static void send(HttpClient client, String url, AccessRequest what, String agent) throws Exception {
    String path;
    if (what.isNonResource()) {
      path = what.nonResourceURL().get();
    } else {
      // A Namespace object's own path names it once: /api/v1/namespaces/NAME.
      boolean namespaceObject = what.resource().equals("namespaces");
      path = (what.apiGroup().isEmpty() ? "/api/v1" : "/apis/" + what.apiGroup() + "/v1")
          + what.namespace().filter(ns -> !namespaceObject).map(ns -> "/namespaces/" + ns).orElse("") + "/"
          + what.resource()
          + what.name().map(n -> "/" + n).orElse("") + (what.subresource().isEmpty() ? "" : "/" + what.subresource());
    }
    if (what.verb().equals("watch")) path += "?watch=true";
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("User-Agent", agent)
        .header("Content-Type", what.verb().equals("patch") ? "application/merge-patch+json" : "application/json")
        .timeout(Duration.ofSeconds(20));
    switch (what.verb()) {
      case "create":
      case "post":
        request.POST(body);
        break;
      case "update":
        request.PUT(body);
        break;
      case "patch":
        request.method("PATCH", body);
        break;
      case "delete":
      case "deletecollection":
        request.DELETE();
        break;
      default:
        request.GET();
    }
    client.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  /** The level of each marked request in the audit log, once the log stops growing. */
  private static Map<String, String> levels(Path log, java.util.Set<String> agents) throws Exception {
    Map<String, String> levels = new HashMap<>();
    for (JsonNode event : events(log)) {
      String agent = event.path("userAgent").asText();
      if (agents.contains(agent)) levels.put(agent, event.path("level").asText());
    }
    return levels;
  }

  /** The events of the audit log, in order, once the log stops growing. */
  private static List<JsonNode> events(Path log) throws Exception {
    long size = -1;
    for (int stable = 0; stable < 3; ) {
      Thread.sleep(500);
      long now = Files.exists(log) ? Files.size(log) : 0;
      stable = now == size ? stable + 1 : 0;
      size = now;
    }
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(log)) events.add(JSON.readTree(line));
    return events;
  }

  /** A client with the requester's certificate (none for the anonymous one), trusting the control plane's CA. */
  private static HttpClient client(ControlPlaneProcesses server, Requester who) throws Exception {
    Pki pki = server.pki();
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", x509.generateCertificate(pem(pki.caPem())));
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (!who.user().equals("system:anonymous")) {
      List<String> groups = who.groups().stream().filter(g -> !g.startsWith("system:"))
          .collect(Collectors.toList());
      Certificate certificate = x509.generateCertificate(pem(pki.clientCertificatePem(who.user(), groups)));
      String key = pki.clientKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      keys.setKeyEntry("client", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
          Base64.getDecoder().decode(key))), new char[0], new Certificate[] {certificate});
    }
    keyManagers.init(keys, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static ByteArrayInputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
