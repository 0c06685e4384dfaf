package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes executor sends and how it handles each kind of failure, against fabric8's mock server in
 * expectations mode: every answer is scripted, every request is recorded.
 */
@EnableKubernetesMockClient
class KubernetesExecutorRequestTest {
  private static final String CONFIG_MAPS = "/api/v1/namespaces/shop/configmaps";
  private static final RetryPolicy FAST_RETRIES = RetryPolicy.builder().maxAttempts(4)
      .initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(40)).build();

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesExecutor executor;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void setUp() {
    MockServerLog.quiet();
    executor = KubernetesExecutor.builder(KubernetesExecutor.clientFor(client.getConfiguration()))
        .retryPolicy(FAST_RETRIES).build();
    // The ApplySet parent: absent at first (unscripted requests get 404), then created.
    server.expect().post().withPath("/api/v1/namespaces/kube-system/secrets").andReturn(201, "{}").always();
  }

  @AfterEach
  void closeClient() {
    executor.client().close();
  }

  private ApplyOptions.Builder options() {
    return ApplyOptions.builder().listener(listener);
  }

  /** ConfigMaps in a namespace the cluster already has; {@code c} (when asked for) waits for {@code a}. */
  private static Plan configMaps(String... names) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("shop").preExistingNamespace("shop");
    for (String name : names) {
      spec.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
          .addToData("mode", "production").build());
    }
    if (List.of(names).contains("c")) {
      spec.dependsOn(ResourceRef.core("ConfigMap", "shop", "c"), ResourceRef.core("ConfigMap", "shop", "a"));
    }
    return spec.build().plan();
  }

  private static String apply(String name, String query) {
    return CONFIG_MAPS + "/" + name + "?" + query;
  }

  private void answer(String name, int code, Object body) {
    server.expect().patch().withPath(apply(name, "fieldManager=shipshape")).andReturn(code, body).once();
  }

  private static Object configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .addToData("mode", "production").build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }

  private List<RecordedRequest> patches() throws InterruptedException {
    return Requests.drain(server).stream().filter(r -> r.getMethod().equals("PATCH")).collect(Collectors.toList());
  }

  @Test
  void serverSideApplyIsAPatchWithTheApplyContentTypeAndFieldManager() throws Exception {
    answer("a", 200, configMap("a"));

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.attempts()).isEqualTo(1);
    });
    RecordedRequest patch = patches().get(0);
    assertThat(patch.getPath()).isEqualTo(apply("a", "fieldManager=shipshape"));
    assertThat(patch.getHeader("Content-Type")).isEqualTo("application/apply-patch+yaml");
    JsonNode body = new ObjectMapper(new YAMLFactory()).readTree(patch.getUtf8Body());
    assertThat(body.path("metadata").path("labels").path(ApplySet.PART_OF_LABEL).asText())
        .isEqualTo(ApplySet.forSpec("shop", "default").id());
    assertThat(body.path("data").path("mode").asText()).isEqualTo("production");
    assertThat(body.has("status")).isFalse();
  }

  @Test
  void aCustomFieldManagerForcesConflictsOnlyWhenAsked() throws InterruptedException {
    server.expect().patch().withPath(apply("a", "fieldManager=platform-team")).andReturn(200, configMap("a"))
        .once();
    server.expect().patch().withPath(apply("a", "fieldManager=platform-team&force=true"))
        .andReturn(200, configMap("a")).once();

    executor.toBuilder().fieldManager("platform-team").build().apply(configMaps("a"), options().build())
        .throwIfFailed();
    executor.toBuilder().fieldManager("platform-team").forceConflicts(true).build()
        .apply(configMaps("a"), options().build())
        .throwIfFailed();

    assertThat(Requests.lines(patches())).containsExactly(
        "PATCH " + apply("a", "fieldManager=platform-team"),
        "PATCH " + apply("a", "fieldManager=platform-team&force=true"));
  }

  @Test
  void aDryRunSendsDryRunAllAndWritesNothingElse() throws InterruptedException {
    server.expect().patch().withPath(apply("a", "fieldManager=shipshape&dryRun=All")).andReturn(200, configMap("a"))
        .once();

    ApplyReport report = executor.apply(configMaps("a"), options().dryRun(true).build());

    assertThat(report.dryRun()).isTrue();
    assertThat(report.results()).extracting(ResourceResult::outcome).containsExactly(Outcome.CREATED);
    assertThat(report.toText()).startsWith("created ConfigMap shop/a\nDry run of shop: 1 created");
    List<RecordedRequest> requests = Requests.drain(server);
    assertThat(Requests.lines(Requests.writes(requests)))
        .containsExactly("PATCH " + apply("a", "fieldManager=shipshape&dryRun=All"));
    assertThat(requests).filteredOn(r -> r.getMethod().equals("PATCH"))
        .allSatisfy(r -> assertThat(r.getHeader("Content-Type")).isEqualTo("application/apply-patch+yaml"));
  }

  @Test
  void tooManyRequestsIsRetriedNoSoonerThanTheServerAsked() throws InterruptedException {
    Status busy = status(429, "TooManyRequests", "the server has received too many requests");
    busy.setDetails(new io.fabric8.kubernetes.api.model.StatusDetailsBuilder().withRetryAfterSeconds(1).build());
    answer("a", 429, busy);
    answer("a", 200, configMap("a"));
    long started = System.nanoTime();

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.attempts()).isEqualTo(2);
    });
    assertThat(listener.events("resourceRetry")).containsExactly("resourceRetry ConfigMap shop/a after attempt 1");
    assertThat(listener.retryDelays()).singleElement()
        .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    assertThat(patches()).hasSize(2);
  }

  @Test
  void serviceUnavailableTwiceThenSuccess() throws InterruptedException {
    answer("a", 503, status(503, "ServiceUnavailable", "etcd leader changed"));
    answer("a", 503, status(503, "ServiceUnavailable", "etcd leader changed"));
    answer("a", 200, configMap("a"));

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.attempts()).isEqualTo(3);
    });
    assertThat(listener.events("resource")).containsExactly("resourceStart ConfigMap shop/a",
        "resourceRetry ConfigMap shop/a after attempt 1", "resourceRetry ConfigMap shop/a after attempt 2",
        "resourceEnd ConfigMap shop/a CREATED");
    assertThat(listener.retryDelays()).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO,
        Duration.ofMillis(48)));
    assertThat(patches()).hasSize(3);
  }

  @Test
  void transientFailuresGiveUpAfterTheLastAttempt() throws InterruptedException {
    for (int i = 0; i < 5; i++) answer("a", 503, status(503, "ServiceUnavailable", "etcd leader changed"));

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.attempts()).isEqualTo(4);
      assertThat(r.statusCode()).contains(503);
      assertThat(r.message().orElseThrow()).contains("HTTP 503: etcd leader changed (gave up after 4 attempts)");
    });
    assertThat(patches()).hasSize(4);
  }

  @Test
  void anInvalidObjectIsNotRetriedAndLaterWavesAreNotAttempted() throws InterruptedException {
    answer("a", 200, configMap("a"));
    answer("b", 422, status(422, "Invalid",
        "ConfigMap \"b\" is invalid: data[mode]: Invalid value: \"production\": must be shorter"));
    Plan plan = configMaps("a", "b", "c");
    assertThat(plan.waves()).hasSize(2);

    ApplyReport report = executor.toBuilder().concurrency(1).build().apply(plan, options().build());

    assertThat(report.withOutcome(Outcome.CREATED)).extracting(ResourceResult::ref)
        .containsExactly(ResourceRef.core("ConfigMap", "shop", "a"));
    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(ResourceRef.core("ConfigMap", "shop", "b"));
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(r.statusCode()).contains(422);
      assertThat(r.message().orElseThrow()).contains("HTTP 422: ConfigMap \"b\" is invalid: data[mode]: Invalid value:");
    });
    assertThat(report.withOutcome(Outcome.NOT_ATTEMPTED)).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(ResourceRef.core("ConfigMap", "shop", "c"));
      assertThat(r.message().orElseThrow()).isEqualTo("wave 0 failed (1 of 2 objects)");
    });
    assertThat(Requests.lines(patches()))
        .containsExactly("PATCH " + apply("a", "fieldManager=shipshape"), "PATCH " + apply("b", "fieldManager=shipshape"));
    assertThat(listener.events()).endsWith("resourceFailed ConfigMap shop/b: " + report.failed().get(0).message().get(),
        "waveFailed 0: wave 0 failed (1 of 2 objects)", "applyEnd failed");
    assertThatThrownBy(report::throwIfFailed).isInstanceOf(ApplyFailedException.class)
        .hasMessage("apply of shop failed:\n"
            + "  failed ConfigMap shop/b: HTTP 422: ConfigMap \"b\" is invalid: data[mode]: Invalid value:"
            + " \"production\": must be shorter\n"
            + "  not attempted ConfigMap shop/c: wave 0 failed (1 of 2 objects)");
  }

  @Test
  void forbiddenIsNotRetried() throws InterruptedException {
    answer("a", 403, status(403, "Forbidden", "configmaps \"a\" is forbidden: User \"ci\" cannot patch resource"
        + " \"configmaps\" in API group \"\" in the namespace \"shop\""));

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(report.failed()).singleElement().satisfies(r -> assertThat(r.message().orElseThrow())
        .contains("HTTP 403: configmaps \"a\" is forbidden: User \"ci\" cannot patch resource"));
    assertThat(patches()).hasSize(1);
  }

  @Test
  void aFieldManagerConflictNamesTheManagerAndTheFieldAndIsNotRetried() throws InterruptedException {
    Status conflict = status(409, "Conflict",
        "Apply failed with 1 conflict: conflict with \"helm\" using v1: .data.mode");
    conflict.setDetails(new io.fabric8.kubernetes.api.model.StatusDetailsBuilder().withName("a").withKind("configmaps")
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"helm\" using v1")
        .withField(".data.mode").endCause().build());
    answer("a", 409, conflict);

    ApplyReport report = executor.apply(configMaps("a"), options().build());

    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.statusCode()).contains(409);
      assertThat(r.message().orElseThrow()).contains("field manager \"helm\" owns .data.mode",
          "apply with --force-conflicts (KubernetesExecutor.Builder.forceConflicts(true))");
    });
    assertThat(patches()).hasSize(1);
  }

  @Test
  void aCreateRaceOnTheClientSidePathBecomesAnUpdate() throws InterruptedException {
    server.expect().post().withPath(CONFIG_MAPS).andReturn(409,
        status(409, "AlreadyExists", "configmaps \"a\" already exists")).once();
    server.expect().patch().withPath(CONFIG_MAPS + "/a?fieldManager=shipshape").andReturn(200, configMap("a")).once();

    ApplyReport report = executor.toBuilder().strategy(ApplyStrategy.CLIENT_SIDE).build()
        .apply(configMaps("a"), options().build());

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(r.attempts()).isEqualTo(2);
    });
    assertThat(Requests.lines(Requests.writes(Requests.drain(server)))).containsExactly(
        "POST " + CONFIG_MAPS,
        "PATCH " + CONFIG_MAPS + "/a?fieldManager=shipshape");
  }

  @Test
  void aSecretWrittenWithStringDataIsUnchangedWhenTheServerHoldsTheSameData() throws InterruptedException {
    String token = "s3cr3t-t0ken";
    server.expect().get().withPath("/api/v1/namespaces/shop/secrets").andReturn(200, new SecretListBuilder()
        .addToItems(new SecretBuilder().withNewMetadata().withName("token").withNamespace("shop")
            .addToLabels(ApplySet.PART_OF_LABEL, ApplySet.forSpec("shop", "default").id()).withUid("1")
            .withResourceVersion("7").endMetadata().withType("Opaque")
            .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))
            .build()).build()).always();
    Plan plan = ClusterSpec.builder().name("shop").preExistingNamespace("shop").resource(new SecretBuilder()
        .withNewMetadata().withName("token").withNamespace("shop").endMetadata().withType("Opaque")
        .addToStringData("token", token).build()).build().plan();

    ApplyReport report = executor.apply(plan, options().build());

    assertThat(report.results()).extracting(ResourceResult::outcome).containsExactly(Outcome.UNCHANGED);
    assertThat(patches()).isEmpty();
  }

  @Test
  void aServerMessageQuotingASecretValueIsRedacted() throws IOException {
    server.expect().patch().withPath("/api/v1/namespaces/shop/secrets/token?fieldManager=shipshape").andReturn(422,
        status(422, "Invalid", "Secret \"token\" is invalid: data[token]: Invalid value: \"s3cr3t-t0ken\": bad"))
        .once();
    Plan plan = ClusterSpec.builder().name("shop").preExistingNamespace("shop").resource(new SecretBuilder()
        .withNewMetadata().withName("token").withNamespace("shop").endMetadata()
        .addToStringData("token", "s3cr3t-t0ken").build()).build().plan();

    List<Throwable> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
    ApplyListener causesSeen = new ApplyListener() {
      @Override
      public void resourceFailed(ResourceResult result, Throwable cause) {
        causes.add(cause);
      }
    };

    ApplyReport report = executor.apply(plan, options().listener(ApplyListener.composite(listener, causesSeen))
        .build());

    assertThat(report.failed()).singleElement().satisfies(r -> assertThat(r.message().orElseThrow()).contains(
        "HTTP 422: Secret \"token\" is invalid: data[token]: Invalid value: (hidden): bad"));
    assertThat(report.toText() + report.toJson() + listener.events()).doesNotContain("s3cr3t-t0ken");
    assertThat(causes).singleElement().satisfies(cause -> {
      for (Throwable t = cause; t != null; t = t.getCause()) assertThat(t.getMessage()).doesNotContain("s3cr3t");
    });
  }

  @Test
  void withAutoANotFoundApplyTriesACreateAndReportsTheServersAnswerWhenThatFailsToo() throws InterruptedException {
    Status namespaceMissing = status(404, "NotFound", "namespaces \"shop\" not found");
    answer("a", 404, namespaceMissing);
    server.expect().post().withPath(CONFIG_MAPS).andReturn(404, namespaceMissing).once();

    ApplyReport report = executor.toBuilder().strategy(ApplyStrategy.AUTO).build()
        .apply(configMaps("a"), options().build());

    assertThat(report.failed()).singleElement().satisfies(r -> {
      assertThat(r.message()).contains("HTTP 404: namespaces \"shop\" not found");
      assertThat(r.statusCode()).contains(404);
    });
    List<RecordedRequest> writes = Requests.drain(server).stream()
        .filter(r -> r.getPath().startsWith(CONFIG_MAPS) && !r.getMethod().equals("GET"))
        .collect(Collectors.toList());
    assertThat(writes).extracting(RecordedRequest::getMethod).containsExactly("PATCH", "POST");
  }
}
