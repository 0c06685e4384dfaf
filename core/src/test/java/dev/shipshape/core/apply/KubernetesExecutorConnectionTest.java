package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections cut in the middle of a wave, between the executor and the CRUD mock server (over plain HTTP, so
 * that the proxy in between can see which request it cuts).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesExecutorConnectionTest {
  private static final String CREATE_SECRET = "POST /api/v1/namespaces/shop/secrets ";
  private static final ResourceRef CONFIG = ResourceRef.core("ConfigMap", "shop", "config");
  private static final ResourceRef TOKEN = ResourceRef.core("Secret", "shop", "token");
  private static final ResourceRef LATER = ResourceRef.core("ConfigMap", "shop", "later");

  KubernetesMockServer server;
  KubernetesClient client;

  private DroppingProxy proxy;
  private KubernetesExecutor executor;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void setUp() throws IOException {
    MockServerLog.quiet();
    proxy = new DroppingProxy(server.getHostName(), server.getPort());
    executor = KubernetesExecutor.using(KubernetesExecutor.clientFor(new ConfigBuilder(client.getConfiguration())
        .withMasterUrl("http://127.0.0.1:" + proxy.port() + "/").build()));
  }

  @AfterEach
  void tearDown() throws IOException {
    executor.client().close();
    proxy.close();
  }

  /** Wave 0: a ConfigMap and a Secret; wave 1: a ConfigMap that waits for the first. */
  private static Plan plan() {
    return ClusterSpec.builder().name("shop").preExistingNamespace("shop")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("config").withNamespace("shop").endMetadata()
            .addToData("mode", "production").build())
        .resource(new SecretBuilder().withNewMetadata().withName("token").withNamespace("shop").endMetadata()
            .addToStringData("token", "t0ken").build())
        .resource(new ConfigMapBuilder().withNewMetadata().withName("later").withNamespace("shop").endMetadata()
            .build())
        .dependsOn(LATER, CONFIG)
        .build().plan();
  }

  private ApplyReport apply(Plan plan, RetryPolicy retries) {
    return executor.toBuilder().strategy(ApplyStrategy.CLIENT_SIDE).retryPolicy(retries).build()
        .apply(plan, ApplyOptions.builder().listener(listener).build());
  }

  private static RetryPolicy fastRetries() {
    return RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build();
  }


  @Test
  void aConnectionLostAfterTheServerWroteIsReportedAndARerunConverges() {
    Plan plan = plan();
    proxy.drop(CREATE_SECRET, DroppingProxy.Cut.AFTER_SERVER, 1);

    ApplyReport first = apply(plan, RetryPolicy.none());

    assertThat(proxy.dropped()).isEqualTo(1);
    assertThat(first.isSuccess()).isFalse();
    assertThat(first.withOutcome(Outcome.CREATED)).extracting(ResourceResult::ref).containsExactly(CONFIG);
    assertThat(first.failed()).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(TOKEN);
      assertThat(r.statusCode()).isEmpty();
      assertThat(r.message().orElseThrow()).startsWith("connection failed: ").endsWith("(gave up after 1 attempt)");
    });
    assertThat(first.withOutcome(Outcome.NOT_ATTEMPTED)).extracting(ResourceResult::ref).containsExactly(LATER);
    // The server did store the Secret; only its answer was lost.
    assertThat(client.secrets().inNamespace("shop").withName("token").get()).isNotNull();

    ApplyReport second = apply(plan, RetryPolicy.none());

    assertThat(second.isSuccess()).as(second.toText()).isTrue();
    assertThat(second.withOutcome(Outcome.UNCHANGED)).extracting(ResourceResult::ref).containsExactly(TOKEN, CONFIG);
    assertThat(second.withOutcome(Outcome.CREATED)).extracting(ResourceResult::ref).containsExactly(LATER);
    assertThat(apply(plan, RetryPolicy.none()).results())
        .extracting(ResourceResult::outcome).containsOnly(Outcome.UNCHANGED);
  }

  @Test
  void aConnectionLostBeforeTheServerGotTheRequestIsRetried() {
    proxy.drop(CREATE_SECRET, DroppingProxy.Cut.BEFORE_SERVER, 1);

    ApplyReport report = apply(plan(), fastRetries());

    assertThat(proxy.dropped()).isEqualTo(1);
    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(report.results()).filteredOn(r -> r.ref().equals(TOKEN)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.attempts()).isEqualTo(2);
    });
    assertThat(listener.events("resourceRetry")).containsExactly("resourceRetry Secret shop/token after attempt 1");
  }

  @Test
  void aRetriedCreateWhoseFirstAnswerWasLostFindsTheObjectAndUpdatesIt() {
    proxy.drop(CREATE_SECRET, DroppingProxy.Cut.AFTER_SERVER, 1);

    ApplyReport report = apply(plan(), fastRetries());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    // Attempt 1 was stored but its answer lost; attempt 2 answered 409 AlreadyExists; attempt 3 patched.
    assertThat(report.results()).filteredOn(r -> r.ref().equals(TOKEN)).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(r.attempts()).isEqualTo(3);
    });
  }
}
