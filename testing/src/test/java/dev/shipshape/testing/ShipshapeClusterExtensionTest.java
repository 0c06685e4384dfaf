package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.KubernetesExecutor;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
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
  private static final String HELPER = "-helper";
  private static final String DIRECT = "-direct";
  private static final String SPEC = "-spec";
  private static final String THEIRS = "-theirs";
  private static final String THEIRS_FROM_KUBECONFIG = "-theirs-kubeconfig";
  private static final String REUSED = "-reused";

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
  void onTheControlPlaneEveryNamespaceCreatedDuringATestIsDeletedAfterItWhoeverCreatedIt() {
    assumeTrue(LocalControlPlane.available().isEmpty(), () -> LocalControlPlane.available().get());
    String before = existingBefore(SharesAControlPlane.PREFIX);

    assertThat(run(SharesAControlPlane.class)).containsExactly("SUCCESSFUL", "SUCCESSFUL");

    try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
      for (String suffix : List.of(HELPER, DIRECT, SPEC, THEIRS, THEIRS_FROM_KUBECONFIG, REUSED)) {
        assertDeletedOrBeingDeleted(admin, SharesAControlPlane.PREFIX + suffix);
      }
      assertSurvived(admin, before);
      assertThat(admin.namespaces().withName("kube-system").get()).isNotNull();
    }
  }

  @Test
  void onAKubeconfigClusterNamespacesSomeoneElseCreatesDuringATestSurviveIt() {
    assumeTrue(LocalControlPlane.available().isEmpty(), () -> LocalControlPlane.available().get());
    String before = existingBefore(SharesAKubeconfigCluster.PREFIX);
    String kubeconfig = System.setProperty("kubeconfig", LocalControlPlane.shared().kubeconfig().toString());
    String context = System.setProperty("shipshape.kubeconfig.context", "local");
    try {
      assertThat(run(SharesAKubeconfigCluster.class)).containsExactly("SUCCESSFUL", "SUCCESSFUL");
    } finally {
      restore("kubeconfig", kubeconfig);
      restore("shipshape.kubeconfig.context", context);
    }

    try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
      for (String own : List.of(HELPER, DIRECT, SPEC)) {
        assertDeletedOrBeingDeleted(admin, SharesAKubeconfigCluster.PREFIX + own);
      }
      for (String theirs : List.of(THEIRS, THEIRS_FROM_KUBECONFIG, REUSED)) {
        assertSurvived(admin, SharesAKubeconfigCluster.PREFIX + theirs);
      }
      assertSurvived(admin, before);
    }
  }

  /** Creates a namespace before the fixture's tests begin, which they do not touch. */
  private static String existingBefore(String prefix) {
    String name = prefix + "-before";
    try (KubernetesClient admin = LocalControlPlane.shared().adminClient()) {
      TestNamespaces.create(admin, name);
    }
    return name;
  }

  private static void assertDeletedOrBeingDeleted(KubernetesClient admin, String name) {
    Namespace left = admin.namespaces().withName(name).get();
    assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
        .as("%s deleted or being deleted: %s", name, left).isTrue();
  }

  /** Asserts that the namespace is there and not being deleted, then deletes it. */
  private static void assertSurvived(KubernetesClient admin, String name) {
    Namespace left = admin.namespaces().withName(name).get();
    assertThat(left).as(name).isNotNull();
    assertThat(left.getMetadata().getDeletionTimestamp()).as(name).isNull();
    admin.namespaces().withName(name).delete();
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
   * and by applying a spec), while two other clients create one each (a client of the control plane, and one read
   * from its kubeconfig file, as the {@code shipshape} command or {@code kubectl} would be); and it deletes one of
   * its own, which another client then creates again under the same name.
   */
  abstract static class SharesTheCluster {
    abstract String prefix();

    @Test
    void createsNamespacesBesideOtherClients(KubernetesClient client) {
      try (KubernetesClient someoneElse = LocalControlPlane.shared().adminClient()) {
        TestNamespaces.create(someoneElse, prefix() + THEIRS);
      }
      try (KubernetesClient fromKubeconfig = KubernetesExecutor.clientFor(
          Config.fromKubeconfig(LocalControlPlane.shared().kubeconfig().toFile()))) {
        TestNamespaces.create(fromKubeconfig, prefix() + THEIRS_FROM_KUBECONFIG);
      }
      TestNamespaces.create(client, prefix() + HELPER);
      client.namespaces().resource(namespace(prefix() + DIRECT)).create();
      ShipshapeAssertions.assertThat(ClusterSpec.builder().name(prefix()).resource(namespace(prefix() + SPEC))
          .build()).appliesCleanly(client);
    }

    @Test
    void deletesItsNamespaceWhichAnotherClientCreatesAgain(KubernetesClient client) {
      String name = prefix() + REUSED;
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
