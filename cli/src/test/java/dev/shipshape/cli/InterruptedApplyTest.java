package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during an apply: the real command in its own JVM, interrupted with SIGINT while it waits for a claim that
 * the embedded server never binds, prints what it did before it exits with 130.
 */
class InterruptedApplyTest {

  @Test
  void ctrlCPrintsThePartialReportAndExits130(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
        "needs a kill command to send SIGINT");
    Path spec = dir.resolve("shop.yaml");
    Files.writeString(spec, "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\n"
        + "kind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\nspec:\n  accessModes: [ReadWriteOnce]\n"
        + "  resources: {requests: {storage: 1Gi}}\n---\napiVersion: apps/v1\nkind: Deployment\n"
        + "metadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n"
        + "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: 'nginx:1.27'}]}\n");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Shipshape.class.getName(), "apply", "--embedded", "--wait",
        "--progress", "plain", spec.toString())
        .redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      boolean sent = false;
      while ((line = lines.readLine()) != null) {
        out.append(line).append('\n');
        // Wave 1 (the claim) is written; before wave 2 (the Deployment) the run waits for the claim to be bound,
        // which never happens here.
        if (!sent && line.startsWith("wave 1:")) {
          new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
          sent = true;
        }
      }
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    assertThat(process.exitValue()).as(out.toString()).isEqualTo(130);
    assertThat(out.toString()).contains("Interrupted: the apply stopped before it finished; objects already written "
        + "stay on the cluster, apply again to finish.\n")
        .contains("not attempted Deployment.apps shop/web: interrupted before it was attempted\n")
        .contains("Applied shop: 2 created, 1 not attempted in ");
  }
}
