package dev.shipshape.security.rbac.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownResourcesTest {
  @Test
  void clusterScopedResourcesAndTheirSubresourcesAreKnownInTheirGroup() {
    assertThat(KnownResources.isClusterScoped("", "nodes")).isTrue();
    assertThat(KnownResources.isClusterScoped("", "nodes/proxy")).isTrue();
    assertThat(KnownResources.isClusterScoped("certificates.k8s.io", "certificatesigningrequests/approval")).isTrue();
    assertThat(KnownResources.isClusterScoped("*", "storageclasses")).isTrue();
  }

  @Test
  void aResourceOfTheSameNameInAnotherGroupIsNot() {
    assertThat(KnownResources.isClusterScoped("rabbitmq.com", "users")).isFalse();
    assertThat(KnownResources.isClusterScoped("", "storageclasses")).isFalse();
  }

  @Test
  void namespacesNamespacedWildcardAndUnknownResourcesAreNot() {
    // A request on namespace X carries namespace X: a RoleBinding in X grants it.
    assertThat(KnownResources.isClusterScoped("", "namespaces")).isFalse();
    assertThat(KnownResources.isClusterScoped("", "pods")).isFalse();
    assertThat(KnownResources.isClusterScoped("", "pods/exec")).isFalse();
    assertThat(KnownResources.isClusterScoped("", "*")).isFalse();
    assertThat(KnownResources.isClusterScoped("example.com", "widgets")).isFalse();
  }

  @Test
  void builtInResourcesHaveTheirGroup() {
    assertThat(KnownResources.groupOf("deployments")).contains("apps");
    assertThat(KnownResources.groupOf("widgets")).isEmpty();
  }
}
