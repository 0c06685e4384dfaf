package dev.shipshape.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class ServerVersionTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void readsManagedClustersMinorsWithTheirSuffix() {
    server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("33+").withGitVersion("v1.33.4-eks-1")
        .build());
    assertThat(SecurityAudit.serverVersion(client)).contains(KubernetesVersion.of(1, 33));
  }

  @Test
  void emptyWhenTheServerDoesNotTell() {
    server.setVersionInfo(new VersionInfo.Builder().withGitVersion("v1.33.4").build());
    assertThat(SecurityAudit.serverVersion(client)).isEmpty();
  }
}
