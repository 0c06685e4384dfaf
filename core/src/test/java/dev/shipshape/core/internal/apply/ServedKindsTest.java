package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.MockServerLog;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery as the preflight reads it, against fabric8's mock server in expectations mode: a kind whose
 * CustomResourceDefinition was just created appears in discovery a moment after the CRD is {@code Established}.
 */
@EnableKubernetesMockClient
class ServedKindsTest {
  private static final String GROUP_VERSION = "/apis/strict.example.com/v1";
  private static final Duration POLL = Duration.ofMillis(10);


  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeAll
  static void quietMockServerLog() {
    MockServerLog.quiet();
  }

  @Test
  void aKindThatAppearsInDiscoveryLaterIsWaitedFor() {
    server.expect().get().withPath(GROUP_VERSION).andReturn(404, "").times(2);
    server.expect().get().withPath(GROUP_VERSION).andReturn(200, new APIResourceListBuilder()
        .withGroupVersion("strict.example.com/v1").addToResources(new APIResourceBuilder().withName("dials")
            .withKind("Dial").withNamespaced(true).build()).build()).always();
    ServedKinds served = new ServedKinds(client);

    assertThat(served.serves("strict.example.com/v1", "Dial")).isFalse();
    assertThat(served.awaitServed("strict.example.com/v1", "Dial", Duration.ofSeconds(10), POLL)).isTrue();
    assertThat(served.serves("strict.example.com/v1", "Dial")).isTrue();
  }

  @Test
  void aKindThatNeverAppearsIsGivenUpOnAtTheTimeout() {
    server.expect().get().withPath(GROUP_VERSION).andReturn(404, "").always();
    ServedKinds served = new ServedKinds(client);

    assertThat(served.awaitServed("strict.example.com/v1", "Dial", Duration.ofMillis(200), POLL)).isFalse();
    assertThat(server.getRequestCount()).isGreaterThan(2);
  }
}
