package dev.shipshape.core.apply;

import dev.shipshape.core.MockServerLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of a {@link KubernetesExecutor} against fabric8's mock API server, injected into {@link #server} and
 * {@link #client} by the subclass's {@code @EnableKubernetesMockClient} (which chooses CRUD or expectations mode).
 * The executor has a client of its own on the same server, closed after each test, as a user's would be.
 */
abstract class MockServerExecutorTest {
  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesExecutor executor;

  @BeforeEach
  void startExecutor() {
    MockServerLog.quiet();
    executor = KubernetesExecutor.using(KubernetesExecutor.clientFor(client.getConfiguration()));
  }

  @AfterEach
  void closeExecutorClient() {
    executor.client().close();
  }
}
