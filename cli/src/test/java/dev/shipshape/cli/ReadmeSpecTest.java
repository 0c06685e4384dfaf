package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline spec of the repository's README, run as a spec script with the script imports (every SDK package
 * and fabric8's model packages, by wildcard): no name may be ambiguous, and the spec must plan.
 */
class ReadmeSpecTest {
  @TempDir
  Path dir;

  /** The README's "What a spec looks like" block, up to the end of its ClusterSpec statement. */
  private static String headlineSpec() throws IOException {
    Path readme = Path.of(System.getProperty("shipshape.examples.dir")).resolve("../../README.md").normalize();
    List<String> lines = Files.readAllLines(readme);
    int section = lines.indexOf("## What a spec looks like");
    assertThat(section).as("README has the section").isNotNegative();
    int start = lines.subList(section, lines.size()).indexOf("```java") + section + 1;
    StringBuilder script = new StringBuilder();
    for (String line : lines.subList(start, lines.size())) {
      script.append(line).append('\n');
      if (line.trim().equals(".build();")) break;
    }
    return script.toString();
  }

  @Test
  void theReadmesHeadlineSpecPlans() throws IOException {
    String spec = headlineSpec();
    assertThat(spec).startsWith("ClusterSpec spec = ClusterSpec.builder()").contains("RbacSubject.group(");
    Files.createDirectories(dir.resolve("manifests"));
    // Only the namespace the example's components use: Velero's own namespace comes with Velero.
    Files.writeString(dir.resolve("manifests/namespaces.yaml"), "apiVersion: v1\nkind: Namespace\n"
        + "metadata: {name: shop}\n");
    Path script = Files.writeString(dir.resolve("readme.jsh"), spec);

    CliRunner.Result result = CliRunner.isolated(dir).run("plan", script.toString());

    assertThat(result.err).doesNotContain("ambiguous");
    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("Schedule.velero.io", "NetworkPolicy", "RoleBinding")
        .doesNotContain("neither in the spec nor declared pre-existing");
  }
}
