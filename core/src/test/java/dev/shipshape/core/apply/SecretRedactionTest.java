package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary values of a plan's Secrets never come out of an apply, whatever a server or an admission webhook quotes in
 * its errors: not in results, reports, listener events, printed progress or exceptions, failures included.
 */
@EnableKubernetesMockClient
class SecretRedactionTest extends MockServerExecutorTest {
  private static final String PLAIN_CANARY = "canary-7f3Qx-plain";
  private static final String DATA_CANARY = "canary-9kLm2-data";

  @BeforeEach
  void acceptSecretsInKubeSystem() {
    server.expect().post().withPath("/api/v1/namespaces/kube-system/secrets").andReturn(201, "{}").always();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private void fail(String path, int code, String message) {
    server.expect().patch().withPath(path + "?fieldManager=shipshape").andReturn(code, new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason("Denied").withMessage(message).build()).once();
  }

  @Test
  void noSecretValueLeavesAFailedApplyThroughAnyPath() {
    // A transient failure quoting the plain value, then a webhook quoting the request with the base64 value.
    fail("/api/v1/namespaces/shop/secrets/db", 503, "etcd timeout writing password=" + PLAIN_CANARY);
    fail("/api/v1/namespaces/shop/secrets/db", 403, "admission webhook \"policy.example.com\" denied the request: "
        + "{\"kind\":\"Secret\",\"data\":{\"password\":\"" + base64(PLAIN_CANARY) + "\",\"token\":\""
        + base64(DATA_CANARY) + "\"}}");
    // Another object's error quoting a Secret value it has nothing to do with.
    fail("/api/v1/namespaces/shop/configmaps/settings", 422, "ConfigMap \"settings\" is invalid: a webhook saw "
        + DATA_CANARY);
    Plan plan = ClusterSpec.builder().name("shop").preExistingNamespace("shop")
        .resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
            .addToStringData("password", PLAIN_CANARY).addToData("token", base64(DATA_CANARY)).build())
        .resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
            .addToData("mode", "fast").build())
        .build().plan();
    RecordingListener events = new RecordingListener();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<Throwable> causes = new CopyOnWriteArrayList<>();
    ApplyListener causesSeen = new ApplyListener() {
      @Override
      public void resourceRetry(dev.shipshape.core.plan.PlannedResource resource, int attempt, Duration delay,
          Throwable cause) {
        causes.add(cause);
      }

      @Override
      public void resourceFailed(ResourceResult result, Throwable cause) {
        causes.add(cause);
      }
    };

    ApplyReport report = executor.toBuilder()
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(2)).build())
        .build().apply(plan, ApplyOptions.builder()
            .listener(ApplyListener.composite(ApplyListener.composite(events, causesSeen), new PrintingApplyListener(
                new PrintStream(printed, true, StandardCharsets.UTF_8))))
            .build());
    Throwable thrown = catchThrowable(report::throwIfFailed);

    assertThat(report.failed()).hasSize(2);
    assertThat(report.failed().get(0).message().orElseThrow())
        .contains("admission webhook \"policy.example.com\" denied the request: {\"kind\":\"Secret\",\"data\":"
            + "{\"password\":\"(hidden)\",\"token\":\"(hidden)\"}}");
    assertThat(report.failed().get(1).message().orElseThrow()).contains("a webhook saw (hidden)");
    assertThat(causes).hasSize(3);
    StringWriter traces = new StringWriter();
    causes.forEach(c -> c.printStackTrace(new PrintWriter(traces)));
    thrown.printStackTrace(new PrintWriter(traces));
    String everything = report.toText() + report.toJson() + report + events.events() + printed
        + report.results().stream().map(r -> r.message().orElse("")).reduce("", String::concat) + traces;
    assertThat(everything).contains("(hidden)")
        .doesNotContain(PLAIN_CANARY, DATA_CANARY, base64(PLAIN_CANARY), base64(DATA_CANARY));
  }
}
