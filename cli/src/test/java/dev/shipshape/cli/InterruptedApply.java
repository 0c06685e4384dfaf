package dev.shipshape.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An apply that waits forever, interrupted: the embedded server never binds the spec's PersistentVolumeClaim, so the
 * Deployment of the next wave is never attempted, and SIGINT comes while the run waits.
 */
public final class InterruptedApply {
  private InterruptedApply() {}

  /** Writes the spec (a Namespace, a claim, a Deployment that waits for the claim) to {@code file}. */
  public static Path writeSpec(Path file) throws IOException {
    return Files.writeString(file, "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"
        + "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\nspec:\n"
        + "  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n---\napiVersion: apps/v1\n"
        + "kind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n"
        + "  template:\n    metadata: {labels: {app: web}}\n"
        + "    spec: {containers: [{name: web, image: 'nginx:1.27'}]}\n");
  }

  /**
   * Reads what the process prints (standard error merged into standard output), sends it SIGINT once wave 1 (the
   * claim) is written, and returns everything it printed once it ended.
   */
  public static String interruptAfterWave1(Process process) throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      boolean sent = false;
      while ((line = lines.readLine()) != null) {
        out.append(line).append('\n');
        if (!sent && line.startsWith("wave 1:")) {
          new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
          sent = true;
        }
      }
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }
    return out.toString();
  }
}
