package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the cluster as kubectl does, and the one-line errors when it cannot be used. */
class ClusterSelectionTest {
  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

  @TempDir
  Path home;

  private Path spec() throws IOException {
    return Files.writeString(home.resolve("shop.yaml"), NAMESPACE);
  }

  /** A kubeconfig with contexts {@code dev} and {@code prod} pointing at {@code server}. */
  private Path kubeconfig(String name, String currentContext, String server) throws IOException {
    String text = "apiVersion: v1\nkind: Config\n"
        + (currentContext == null ? "" : "current-context: " + currentContext + "\n")
        + "clusters:\n- name: local\n  cluster:\n    server: " + server + "\n"
        + "users:\n- name: me\n  user:\n    token: not-a-secret\n"
        + "contexts:\n- name: dev\n  context:\n    cluster: local\n    user: me\n"
        + "- name: prod\n  context:\n    cluster: local\n    user: me\n";
    return Files.writeString(home.resolve(name), text);
  }

  /** A local port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void withoutAnyKubeconfigTheUserIsToldAboutEmbedded() throws IOException {
    CliRunner.Result result = CliRunner.isolated(home).run("diff", spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).isEqualTo("no kubeconfig: " + home.resolve(".kube/config") + " does not exist and "
        + "KUBECONFIG is not set — pass --kubeconfig FILE, or use --embedded to try an in-process API server\n");
  }

  @Test
  void theClusterIsCheckedBeforeTheScriptIsCompiled() throws IOException {
    Path script = Files.writeString(home.resolve("broken.jsh"), "this does not compile\n");

    for (String command : new String[] {"diff", "apply"}) {
      CliRunner.Result result = CliRunner.isolated(home).run(command, script.toString());

      assertThat(result.exitCode).as(command).isEqualTo(4);
      assertThat(result.err).as(command).startsWith("no kubeconfig: ").doesNotContain("broken.jsh");
    }
  }

  @Test
  void aMissingSpecFileIsReportedBeforeTheMissingKubeconfig() {
    Path absent = home.resolve("nosuch.jsh");

    for (String command : new String[] {"diff", "apply"}) {
      for (String format : new String[] {"text", "json"}) {
        CliRunner.Result result = CliRunner.isolated(home).run(command, "--format", format, absent.toString());

        assertThat(result.exitCode).as(command + " " + format).isEqualTo(3);
        assertThat(result.out).as(command + " " + format).isEmpty();
        assertThat(result.err).as(command + " " + format).isEqualTo(absent + " does not exist — pass a .jsh "
            + "script, a YAML file or a directory of YAML files\n");
      }
    }
  }

  @Test
  void aMissingKubeconfigFileIsNamed() throws IOException {
    Path absent = home.resolve("nope.yaml");

    CliRunner.Result result = CliRunner.isolated(home).run("apply", "--kubeconfig", absent.toString(),
        spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).isEqualTo("kubeconfig " + absent + " does not exist — pass an existing file to "
        + "--kubeconfig\n");
  }

  @Test
  void anUnknownContextListsTheKnownOnes() throws IOException {
    Path config = kubeconfig("config", "dev", "https://127.0.0.1:" + closedPort());

    CliRunner.Result result = CliRunner.isolated(home).run("diff", "--kubeconfig", config.toString(),
        "--context", "staging", spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).isEqualTo("context 'staging' is not defined in " + config + " (contexts: dev, prod) — "
        + "pass one of them to --context\n");
  }

  @Test
  void aKubeconfigWithoutCurrentContextAsksForOne() throws IOException {
    Path config = kubeconfig("config", null, "https://127.0.0.1:" + closedPort());

    CliRunner.Result result = CliRunner.withVariables(Map.of("HOME", home.toString(), "KUBECONFIG",
        config.toString())).run("diff", spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).isEqualTo(config + " sets no current-context (contexts: dev, prod) — pass --context NAME "
        + "or run 'kubectl config use-context NAME'\n");
  }

  @Test
  void anUnreachableClusterIsOneLineAndNothingElse() throws IOException {
    int port = closedPort();
    kubeconfig(".kube-config", "prod", "https://127.0.0.1:" + port);
    Files.createDirectories(home.resolve(".kube"));
    Files.move(home.resolve(".kube-config"), home.resolve(".kube/config"));

    CliRunner.Result result = CliRunner.isolated(home).run("apply", spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).startsWith("cannot reach the API server of context prod (https://127.0.0.1:" + port + "/): ")
        .endsWith(" — check that the cluster is running and the context is right, or use --embedded\n")
        .doesNotContain("\tat ");
    assertThat(result.err.lines()).hasSize(1);
  }

  @Test
  void anInvalidSpecIsReportedEvenWhileTheClusterIsBeingReached() throws IOException {
    // The connection is opened while the spec is planned: the spec's problems still come first, alone.
    kubeconfig("config", "prod", "https://127.0.0.1:" + closedPort());
    Path invalid = Files.writeString(home.resolve("settings.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n");

    for (String command : new String[] {"diff", "apply"}) {
      CliRunner.Result result = CliRunner.isolated(home).run(command, "--kubeconfig",
          home.resolve("config").toString(), invalid.toString());

      assertThat(result.exitCode).as(command).isEqualTo(3);
      assertThat(result.err).as(command).contains("ConfigMap shop/settings metadata.namespace: namespace 'shop' "
          + "is neither created by the spec nor declared pre-existing").doesNotContain("cannot reach");
    }
  }

  @Test
  void rejectedCredentialsAreReportedBeforeAnythingIsApplied() throws IOException, InterruptedException {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try {
      server.expect().get().withPath("/api").andReturn(401, "{\"kind\":\"Status\",\"code\":401}").always();
      String url = "http://127.0.0.1:" + server.getPort();
      Path config = kubeconfig("config", "prod", url);

      CliRunner.Result result = CliRunner.isolated(home).run("apply", "--kubeconfig", config.toString(),
          spec().toString());

      assertThat(result.exitCode).isEqualTo(4);
      assertThat(result.err).isEqualTo("the API server of context prod (" + url + "/) rejected the credentials (401 "
          + "Unauthorized) — log in again or refresh the token of this context\n");
      assertThat(server.getLastRequest().getPath()).isEqualTo("/api");
    } finally {
      server.destroy();
    }
  }

  @Test
  void kubeconfigVariableNamingNoFileIsReported() throws IOException {
    Path absent = home.resolve("absent");

    CliRunner.Result result = CliRunner.withVariables(Map.of("HOME", home.toString(), "KUBECONFIG",
        absent.toString())).run("diff", spec().toString());

    assertThat(result.exitCode).isEqualTo(4);
    assertThat(result.err).isEqualTo("KUBECONFIG=" + absent + " names no existing file — fix KUBECONFIG, pass "
        + "--kubeconfig FILE, or use --embedded to try an in-process API server\n");
  }
}
