package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lists as the live read and the gates make them, against fabric8's mock server in expectations mode: one list,
 * and page by page with kubectl's chunk size where the server refuses it while its cache of a kind is being filled.
 */
@EnableKubernetesMockClient
class ResourceAccessListTest {
  private static final String CONFIG_MAPS = "/api/v1/namespaces/shop/configmaps";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeAll
  static void quietMockServerLog() {
    MockServerLog.quiet();
  }

  private static ConfigMapBuilder configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata();
  }

  @Test
  void aListRefusedWhileTheServersCacheFillsIsReadPageByPage() throws InterruptedException {
    server.expect().get().withPath(CONFIG_MAPS).andReturn(429, new StatusBuilder().withStatus("Failure").withCode(429)
        .withReason("TooManyRequests").withMessage("storage is (re)initializing").build()).once();
    server.expect().get().withPath(CONFIG_MAPS + "?limit=500")
        .andReturn(200, new ConfigMapListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
            .addToItems(configMap("one").build()).build()).once();
    server.expect().get().withPath(CONFIG_MAPS + "?continue=page-2&limit=500")
        .andReturn(200, new ConfigMapListBuilder().withNewMetadata().endMetadata()
            .addToItems(configMap("two").build()).build()).once();
    // Without fabric8's own retries, as the executor's clients have them (KubernetesExecutor.clientFor).
    try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
      ResourceAccess access = new ResourceAccess(noRetries, ClusterSpec.builder().name("empty").build().plan());

      assertThat(access.list("v1", "ConfigMap", Optional.of("shop"), Optional.empty()))
          .extracting(HasMetadata::getMetadata).extracting(m -> m.getName()).containsExactly("one", "two");
    }
    assertThat(server.takeRequest().getPath()).isEqualTo(CONFIG_MAPS);
    assertThat(server.takeRequest().getPath()).isEqualTo(CONFIG_MAPS + "?limit=500");
    assertThat(server.takeRequest().getPath()).isEqualTo(CONFIG_MAPS + "?continue=page-2&limit=500");
  }

  @Test
  void aListTheServerAnswersIsOneRequest() throws InterruptedException {
    server.expect().get().withPath(CONFIG_MAPS).andReturn(200, new ConfigMapListBuilder().withNewMetadata()
        .endMetadata().addToItems(configMap("one").build()).build()).once();
    ResourceAccess access = new ResourceAccess(client, ClusterSpec.builder().name("empty").build().plan());

    assertThat(access.list("v1", "ConfigMap", Optional.of("shop"), Optional.empty())).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aListRefusedForAnotherReasonIsNotPaged() {
    server.expect().get().withPath(CONFIG_MAPS).andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403)
        .withReason("Forbidden").withMessage("configmaps is forbidden").build()).once();
    ResourceAccess access = new ResourceAccess(client, ClusterSpec.builder().name("empty").build().plan());

    assertThatThrownBy(() -> access.list("v1", "ConfigMap", Optional.of("shop"), Optional.empty()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  @Timeout(30)
  void aServerThatAnswersTheSamePageAgainIsNotAskedForEver() {
    server.expect().get().withPath(CONFIG_MAPS).andReturn(429, new StatusBuilder().withStatus("Failure").withCode(429)
        .withReason("TooManyRequests").withMessage("storage is (re)initializing").build()).once();
    server.expect().get().withPath(CONFIG_MAPS + "?limit=500").andReturn(200, new ConfigMapListBuilder()
        .withNewMetadata().withContinue("same").endMetadata().addToItems(configMap("one").build()).build()).once();
    server.expect().get().withPath(CONFIG_MAPS + "?continue=same&limit=500").andReturn(200, new ConfigMapListBuilder()
        .withNewMetadata().withContinue("same").endMetadata().addToItems(configMap("one").build()).build()).always();
    try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build()) {
      ResourceAccess access = new ResourceAccess(noRetries, ClusterSpec.builder().name("empty").build().plan());

      assertThatThrownBy(() -> access.list("v1", "ConfigMap", Optional.of("shop"), Optional.empty()))
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("the same page twice");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
