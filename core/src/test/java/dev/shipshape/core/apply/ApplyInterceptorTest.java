package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Steps of the user's own in the executor's write path: an approval step and an audit log. */
@EnableKubernetesMockClient(crud = true)
class ApplyInterceptorTest {
  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient executorClient;
  private final List<String> audit = new CopyOnWriteArrayList<>();

  /** Records each write it sees and how it ended. */
  private final ApplyInterceptor auditLog = chain -> {
    audit.add("about to write " + chain.resource().ref() + (chain.live().isPresent() ? " (exists)" : " (new)"));
    try {
      ResourceResult result = chain.proceed(chain.desired());
      audit.add(result.toString());
      return result;
    } catch (RuntimeException e) {
      audit.add("failed " + chain.resource().ref() + ": " + e.getMessage());
      throw e;
    }
  };

  /** Refuses to write Secrets: nothing is sent for them. */
  private final ApplyInterceptor noSecrets = chain -> {
    if (chain.resource().isSecret()) throw new IllegalStateException("writing Secrets needs an approval");
    return chain.proceed(chain.desired());
  };

  @BeforeEach
  void setUp() {
    MockServerLog.quiet();
    executorClient = KubernetesExecutor.clientFor(client.getConfiguration());
  }

  @AfterEach
  void closeClient() {
    executorClient.close();
  }

  private static Plan plan(String mode) {
    return ClusterSpec.builder().name("shop").preExistingNamespace("shop")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("config").withNamespace("shop").endMetadata()
            .addToData("mode", mode).build())
        .resource(new SecretBuilder().withNewMetadata().withName("token").withNamespace("shop").endMetadata()
            .addToStringData("token", "t0ken").build())
        .build().plan();
  }

  private KubernetesExecutor.Builder executor() {
    return KubernetesExecutor.builder(executorClient).strategy(ApplyStrategy.AUTO);
  }

  @Test
  void anAuditStepSeesEveryWriteAndItsOutcomeButNoUnchangedObject() {
    // One object at a time, so that the log's order is deterministic.
    KubernetesExecutor executor = executor().concurrency(1).addInterceptor(auditLog).build();

    executor.apply(plan("production")).throwIfFailed();
    executor.apply(plan("production")).throwIfFailed();
    executor.apply(plan("staging")).throwIfFailed();

    assertThat(audit).containsExactly(
        "about to write Secret shop/token (new)", "created Secret shop/token",
        "about to write ConfigMap shop/config (new)", "created ConfigMap shop/config",
        "about to write ConfigMap shop/config (exists)", "updated ConfigMap shop/config");
  }

  @Test
  void anApprovalStepThatRefusesFailsTheObjectWithItsReasonAndNothingIsWrittenForIt() {
    KubernetesExecutor executor = executor().addInterceptor(auditLog).addInterceptor(noSecrets).build();

    ApplyReport report = executor.apply(plan("production"));

    assertThat(report.failed()).singleElement().satisfies(failed -> {
      assertThat(failed.ref().kind()).isEqualTo("Secret");
      assertThat(failed.message()).contains("writing Secrets needs an approval");
      assertThat(failed.attempts()).isZero();
    });
    assertThat(client.secrets().inNamespace("shop").withName("token").get()).isNull();
    // The audit step was added first, so it sits outside the approval step and sees its refusal.
    assertThat(audit).contains("failed Secret shop/token: writing Secrets needs an approval");
    assertThat(report.toText()).doesNotContain("t0ken");
  }
}
