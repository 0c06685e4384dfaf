package dev.shipshape.mesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.ClusterSelection;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mesh route --port} routes the request for that port of the Service; a port out of range is a usage error. */
class MeshRouteCommandTest {
  private static final String ROUTES = String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: http-metrics, port: 9090}]}", "---",
      "apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: web, namespace: shop}",
      "spec: {hosts: [web], http: [{name: metrics, match: [{port: 9090}], route: [{destination: {host: metrics}}]},"
          + " {name: default, route: [{destination: {host: web}}]}]}", "");

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) throws IOException {
    Path file = Files.writeString(dir.resolve("routes.yaml"), ROUTES);
    List<String> line = new ArrayList<>(List.of("web", file.toString(), "-n", "shop"));
    line.addAll(List.of(args));
    return new CommandLine(new MeshRouteCommand(new ManifestsOnly())).setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(line.toArray(String[]::new));
  }

  @Test
  void thePortChoosesTheRuleThatMatchesIt() throws IOException {
    assertThat(run("--port", "9090")).isZero();
    assertThat(out.toString()).startsWith("request to web.shop.svc.cluster.local: VirtualService shop/web rule "
        + "\"metrics\"\n  port: 9090\n");

    assertThat(run("--port", "80", "--format", "json")).isZero();
    assertThat(out.toString()).contains("\"rule\" : \"VirtualService shop/web rule \\\"default\\\"\",\n"
        + "  \"port\" : 80,");
  }

  @Test
  void aPortOutOfRangeIsAUsageError() throws IOException {
    assertThat(run("--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--port': port '70000' is not a number between 1 "
        + "and 65535");
  }

  /** The command line's context for manifests only: PATH is handed to the command's manifest reader. */
  private static final class ManifestsOnly implements CliContext {
    @Override
    public Optional<String> variable(String name) {
      return Optional.empty();
    }

    @Override
    public <T> T analyze(Path path, Function<Plan, T> fromPlan, Function<Path, T> fromManifests) {
      return fromManifests.apply(path);
    }

    @Override
    public Plan plan(SpecArguments arguments) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ClusterSpec load(SpecArguments arguments) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Plan plan(ClusterSpec loaded, SpecArguments arguments) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ClusterSpec load(Path spec, List<String> preExistingNamespaces) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> scriptVariables(Path script) {
      throw new UnsupportedOperationException();
    }

    @Override
    public LiveCluster connect(ClusterSelection cluster) {
      throw new UnsupportedOperationException();
    }

    @Override
    public LiveCluster connect(ClusterSelection cluster, String otherContext) {
      throw new UnsupportedOperationException();
    }
  }
}
