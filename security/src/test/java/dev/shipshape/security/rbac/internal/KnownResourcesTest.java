package dev.shipshape.security.rbac.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownResourcesTest {
  @Test
  void clusterScopedResourcesAndTheirSubresourcesAreKnown() {
    assertThat(KnownResources.isClusterScoped("nodes")).isTrue();
    assertThat(KnownResources.isClusterScoped("nodes/proxy")).isTrue();
    assertThat(KnownResources.isClusterScoped("certificatesigningrequests/approval")).isTrue();
  }

  @Test
  void namespacedWildcardAndUnknownResourcesAreNot() {
    assertThat(KnownResources.isClusterScoped("pods")).isFalse();
    assertThat(KnownResources.isClusterScoped("pods/exec")).isFalse();
    assertThat(KnownResources.isClusterScoped("*")).isFalse();
    assertThat(KnownResources.isClusterScoped("widgets")).isFalse();
  }

  @Test
  void builtInResourcesHaveTheirGroup() {
    assertThat(KnownResources.groupOf("deployments")).contains("apps");
    assertThat(KnownResources.groupOf("widgets")).isEmpty();
  }
}
