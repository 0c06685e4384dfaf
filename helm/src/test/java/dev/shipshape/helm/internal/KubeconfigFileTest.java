package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig Helm gets reaches the client's cluster as the client's user, and reads back as the same config. */
class KubeconfigFileTest {
  @TempDir Path dir;

  @Test
  void certificatesAndAServerRoundTrip() throws IOException {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443")
        .withCaCertData("Y2E=").withClientCertData("Y2VydA==").withClientKeyData("a2V5").build();

    Config read = Config.fromKubeconfig(Files.readString(KubeconfigFile.write(config, dir)));

    assertThat(read.getMasterUrl()).isEqualTo("https://127.0.0.1:6443/");
    assertThat(read.getCaCertData()).isEqualTo("Y2E=");
    assertThat(read.getClientCertData()).isEqualTo("Y2VydA==");
    assertThat(read.getClientKeyData()).isEqualTo("a2V5");
    assertThat(read.isTrustCerts()).isFalse();
  }

  @Test
  void aTokenAndSkippedVerificationRoundTrip() throws IOException {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443")
        .withTrustCerts(true).withOauthToken("token-123").build();

    Config read = Config.fromKubeconfig(Files.readString(KubeconfigFile.write(config, dir)));

    assertThat(read.isTrustCerts()).isTrue();
    // fabric8 keeps a kubeconfig's token as the automatic one; a configured one as the OAuth token.
    assertThat(read.getOauthToken() != null ? read.getOauthToken() : read.getAutoOAuthToken()).isEqualTo("token-123");
    assertThat(read.getCaCertData()).isNull();
  }
}
