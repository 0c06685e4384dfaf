package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.shipshape.core.ClusterSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs small fixture test classes through the JUnit launcher and checks what the extension made of them. */
class ShipshapeClusterExtensionTest {
  private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @Test
  void controlPlaneTestsWithoutBinariesAreSkippedWithTheReasonOrFailWhenRequired(@TempDir Path emptyFolder) {
    String previous = System.setProperty("shipshape.control-plane.assets", emptyFolder.toString());
    List<String> outcomes;
    try {
      outcomes = run(NeedsControlPlane.class);
    } finally {
      restore("shipshape.control-plane.assets", previous);
    }

    if ("1".equals(System.getenv("SHIPSHAPE_REQUIRE_CONTROL_PLANE"))) {
      assertThat(outcomes).singleElement().asString()
          .startsWith("FAILED").contains("SHIPSHAPE_REQUIRE_CONTROL_PLANE=1", "missing kube-apiserver");
    } else {
      assertThat(outcomes).singleElement().asString()
          .startsWith("SKIPPED").contains("missing kube-apiserver", emptyFolder.toString());
    }
  }

  @Test
  void kubeconfigModeWithoutAContextIsSkippedWithTheReason() {
    assumeTrue(System.getenv("SHIPSHAPE_KUBECONFIG_CONTEXT") == null, "a context is configured here");

    assertThat(run(NeedsKubeconfig.class)).singleElement().asString()
        .startsWith("SKIPPED").contains("shipshape.kubeconfig.context", "SHIPSHAPE_KUBECONFIG_CONTEXT");
  }

  @Test
  void kubeconfigModeConnectsToTheNamedContext() {
    assumeTrue(LocalControlPlane.available().isEmpty(), () -> LocalControlPlane.available().get());
    String kubeconfig = System.setProperty("kubeconfig", LocalControlPlane.shared().kubeconfig().toString());
    String context = System.setProperty("shipshape.kubeconfig.context", "local");
    try {
      assertThat(run(NeedsKubeconfig.class)).containsExactly("SUCCESSFUL");
      assertThat(SEEN.get("kubeconfig-url")).startsWith(LocalControlPlane.shared().url());
    } finally {
      restore("kubeconfig", kubeconfig);
      restore("shipshape.kubeconfig.context", context);
    }
  }

  @Test
  void onlyTheNamespacesATestCreatedThroughItsClientAreDeletedAfterIt() {
    assumeTrue(LocalControlPlane.available().isEmpty(), () -> LocalControlPlane.available().get());

    assertThat(run(SharesAControlPlane.class)).containsExactly("SUCCESSFUL", "SUCCESSFUL");

    assertOnlyItsOwnNamespacesWereDeleted(SharesAControlPlane.PREFIX);
  }

  @Test
  void onAKubeconfigClusterNamespacesSomeoneElseCreatesDuringATestSurviveIt() {
    assumeTrue(LocalControlPlane.available().isEmpty(), () -> LocalControlPlane.available().get());
    String kubeconfig = System.setProperty("kubeconfig", LocalControlPlane.shared().kubeconfig().toString());
    String context = System.setProperty("shipshape.kubeconfig.context", "local");
    try {
      assertThat(run(SharesAKubeconfigCluster.class)).containsExactly("SUCCESSFUL", "SUCCESSFUL");
    } finally {
      restore("kubeconfig", kubeconfig);
      restore("shipshape.kubeconfig.context", context);
    }

    assertOnlyItsOwnNamespacesWereDeleted(SharesAKubeconfigCluster.PREFIX);
  }

  private static void assertOnlyItsOwnNamespacesWereDeleted(String prefix) {
    try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
      for (String own : List.of("-helper", "-direct", "-spec")) {
        Namespace left = admin.namespaces().withName(prefix + own).get();
        assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
            .as("%s deleted or being deleted: %s", prefix + own, left).isTrue();
      }
      for (String theirs : List.of("-theirs", "-reused")) {
        Namespace left = admin.namespaces().withName(prefix + theirs).get();
        assertThat(left).as(prefix + theirs).isNotNull();
        assertThat(left.getMetadata().getDeletionTimestamp()).as(prefix + theirs).isNull();
        admin.namespaces().withName(prefix + theirs).delete();
      }
      assertThat(admin.namespaces().withName("kube-system").get()).isNotNull();
    }
  }

  private static List<String> run(Class<?> fixture) {
    List<String> outcomes = new ArrayList<>();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
        .build(), new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest() || test.getSource().isPresent()) outcomes.add("SKIPPED " + reason);
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) return;
            outcomes.add(result.getStatus() + result.getThrowable().map(e -> " " + e.getMessage()).orElse(""));
          }
        });
    return outcomes;
  }

  private static void restore(String property, String previous) {
    if (previous == null) System.clearProperty(property);
    else System.setProperty(property, previous);
  }

  @ShipshapeCluster(ClusterMode.CONTROL_PLANE)
  static class NeedsControlPlane {
    @Test
    void usesIt(KubernetesClient client) {
      client.namespaces().list();
    }
  }

  @ShipshapeCluster(ClusterMode.KUBECONFIG)
  static class NeedsKubeconfig {
    @Test
    void usesIt(KubernetesClient client) {
      SEEN.put("kubeconfig-url", client.getMasterUrl().toString());
      client.namespaces().list();
    }
  }

  /**
   * A test that shares its cluster: it creates namespaces through its client (with {@link TestNamespaces}, directly,
   * and by applying a spec), while someone else's client creates one; and it deletes one of its own, which someone
   * else then creates again under the same name.
   */
  abstract static class SharesTheCluster {
    abstract String prefix();

    @Test
    void createsNamespacesBesideSomeoneElse(KubernetesClient client) {
      try (KubernetesClient someoneElse = LocalControlPlane.shared().adminClient()) {
        TestNamespaces.create(someoneElse, prefix() + "-theirs");
      }
      TestNamespaces.create(client, prefix() + "-helper");
      client.namespaces().resource(namespace(prefix() + "-direct")).create();
      ShipshapeAssertions.assertThat(ClusterSpec.builder().name(prefix()).resource(namespace(prefix() + "-spec"))
          .build()).appliesCleanly(client);
    }

    @Test
    void deletesItsNamespaceWhichSomeoneElseCreatesAgain(KubernetesClient client) {
      String name = prefix() + "-reused";
      TestNamespaces.create(client, name);
      client.namespaces().withName(name).delete();
      client.namespaces().withName(name).waitUntilCondition(Objects::isNull, 90, TimeUnit.SECONDS);
      try (KubernetesClient someoneElse = LocalControlPlane.shared().adminClient()) {
        TestNamespaces.create(someoneElse, name);
      }
    }

    private static Namespace namespace(String name) {
      return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }
  }

  @ShipshapeCluster(ClusterMode.CONTROL_PLANE)
  static class SharesAControlPlane extends SharesTheCluster {
    static final String PREFIX = "shared-control-plane";

    @Override
    String prefix() {
      return PREFIX;
    }
  }

  @ShipshapeCluster(ClusterMode.KUBECONFIG)
  static class SharesAKubeconfigCluster extends SharesTheCluster {
    static final String PREFIX = "shared-kubeconfig";

    @Override
    String prefix() {
      return PREFIX;
    }
  }
}
