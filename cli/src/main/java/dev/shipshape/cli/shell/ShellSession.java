package dev.shipshape.cli.shell;

import dev.shipshape.cli.script.JavaLiteral;
import dev.shipshape.cli.script.SdkClassPath;
import dev.shipshape.cli.script.SdkImports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * An interactive JShell session with the SDK on the class path, its packages imported, and helpers: a
 * {@code client} for the kubeconfig context when there is one (or of an embedded server), {@code embedded()},
 * {@code apply(spec, client)} and {@code scriptDir}. Scripts given on the command line are opened first, so
 * {@code shipshape shell examples/specs/minimal.jsh} starts with that {@code spec} defined.
 */
public final class ShellSession {
  private final List<String> startup = new ArrayList<>();
  private final List<Path> scripts;

  private ShellSession(List<String> startup, List<Path> scripts) {
    this.startup.addAll(startup);
    this.scripts = List.copyOf(scripts);
  }

  /**
   * A session whose {@code client} connects to a kubeconfig context (not contacted until used), to a new embedded
   * server, or that has no {@code client}.
   */
  public static ShellSession create(Optional<String> kubeconfigFiles, Optional<String> context, boolean embedded,
      List<Path> scripts) {
    List<String> snippets = new ArrayList<>(SdkImports.available(ShellSession.class.getClassLoader()));
    Path dir = scripts.isEmpty() ? Path.of("").toAbsolutePath()
        : scripts.get(0).toAbsolutePath().normalize().getParent();
    snippets.add("Path scriptDir = Path.of(" + JavaLiteral.of(dir.toString()) + ");");
    if (embedded) {
      snippets.add("EmbeddedCluster cluster = EmbeddedCluster.start();");
      snippets.add("KubernetesClient client = cluster.client();");
    } else if (kubeconfigFiles.isPresent() && context.isPresent()) {
      snippets.add("KubernetesClient client = dev.shipshape.cli.shell.ShellHelpers.client("
          + JavaLiteral.of(kubeconfigFiles.get()) + ", " + JavaLiteral.of(context.get()) + ");");
    }
    snippets.add("EmbeddedCluster embedded() { return dev.shipshape.cli.shell.ShellHelpers.embedded(); }");
    snippets.add("ApplyReport apply(ClusterSpec spec, KubernetesClient target) { "
        + "return dev.shipshape.cli.shell.ShellHelpers.apply(spec, target); }");
    return new ShellSession(snippets, scripts);
  }

  /** The startup snippets, in order. */
  public List<String> startup() {
    return List.copyOf(startup);
  }

  /**
   * Runs the JShell tool until the user leaves it.
   *
   * @return the tool's exit code
   */
  public int run(InputStream in, PrintStream out, PrintStream err, boolean interactive) throws Exception {
    Path startupFile = Files.createTempFile("shipshape-startup", ".jsh");
    try {
      Files.writeString(startupFile, String.join("\n", startup) + "\n", StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of("--class-path", SdkClassPath.current(),
          "--startup", "DEFAULT", "--startup", startupFile.toString(), "--feedback", "normal"));
      for (Path script : scripts) args.add(script.toString());
      return JavaShellToolBuilder.builder()
          .in(in, null)
          .out(out)
          .err(err)
          .interactiveTerminal(interactive)
          .start(args.toArray(String[]::new));
    } finally {
      try {
        Files.deleteIfExists(startupFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
