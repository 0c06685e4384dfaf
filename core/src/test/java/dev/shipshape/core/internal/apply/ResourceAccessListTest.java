package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.MockServerLog;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists as the live read and the gates make them, against fabric8's mock server in expectations mode: page by page
 * with kubectl's chunk size, which the API server also answers while its cache of a new CRD's kind is being filled.
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
  void aListIsReadPageByPage() throws InterruptedException {
    server.expect().get().withPath(CONFIG_MAPS + "?limit=500")
        .andReturn(200, new ConfigMapListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
            .addToItems(configMap("one").build()).build()).once();
    server.expect().get().withPath(CONFIG_MAPS + "?continue=page-2&limit=500")
        .andReturn(200, new ConfigMapListBuilder().withNewMetadata().endMetadata()
            .addToItems(configMap("two").build()).build()).once();
    ResourceAccess access = new ResourceAccess(client, ClusterSpec.builder().name("empty").build().plan());

    assertThat(access.list("v1", "ConfigMap", Optional.of("shop"), Optional.empty()))
        .extracting(HasMetadata::getMetadata).extracting(m -> m.getName()).containsExactly("one", "two");
    assertThat(server.takeRequest().getPath()).isEqualTo(CONFIG_MAPS + "?limit=500");
    assertThat(server.takeRequest().getPath()).isEqualTo(CONFIG_MAPS + "?continue=page-2&limit=500");
  }
}
