package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    Path spec = InterruptedApply.writeSpec(dir.resolve("shop.yaml"));
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Shipshape.class.getName(), "apply", "--embedded", "--wait",
        "--timeout", "60s", "--progress", "plain", spec.toString())
        .redirectErrorStream(true).start();
    String out = InterruptedApply.interruptAfterWave1(process);

    assertThat(process.exitValue()).as(out).isEqualTo(130);
    assertThat(out).contains("Interrupted: the apply stopped before it finished; objects already written "
        + "stay on the cluster, apply again to finish.\n")
        .contains("not attempted Deployment.apps shop/web: interrupted before it was attempted\n")
        .contains("Applied shop: 2 created, 1 not attempted in ");
  }
}
