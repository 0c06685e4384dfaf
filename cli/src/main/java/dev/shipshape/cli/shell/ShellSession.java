package dev.shipshape.cli.shell;

import dev.shipshape.cli.script.JavaLiteral;
import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.cli.script.ScriptSnippets;
import dev.shipshape.cli.script.SdkClassPath;
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
 * {@code load(path)} (runs a spec script as {@code shipshape plan} does and returns its spec),
 * {@code apply(spec, client)}, {@code scriptDir} and {@code scriptFile}. Given a script, the session runs it
 * after the helpers are defined, so its {@code spec} and every other variable, method and type it declares are
 * there at the prompt.
 */
public final class ShellSession {
  private final List<String> startup;
  private final List<String> script;

  private ShellSession(List<String> startup, List<String> script) {
    this.startup = List.copyOf(startup);
    this.script = List.copyOf(script);
  }

  /**
   * A session whose {@code client} connects to a kubeconfig context (not contacted until used), to a new embedded
   * server, or that has no {@code client}; running {@code script} after the helpers when one is given.
   */
  public static ShellSession create(Optional<String> kubeconfigFiles, Optional<String> context, boolean embedded,
      Optional<Path> script) {
    List<String> snippets = new ArrayList<>(ScriptEvaluator.create().imports());
    snippets.add("dev.shipshape.cli.cluster.EmbeddedLogging.quiet();");
    Path dir = script.map(s -> s.toAbsolutePath().normalize().getParent()).orElse(Path.of("").toAbsolutePath());
    snippets.add("Path scriptDir = Path.of(" + JavaLiteral.of(dir.toString()) + ");");
    script.ifPresent(s -> snippets.add("Path scriptFile = Path.of("
        + JavaLiteral.of(s.toAbsolutePath().normalize().toString()) + ");"));
    if (embedded) {
      snippets.add("EmbeddedCluster cluster = EmbeddedCluster.start();");
      snippets.add("KubernetesClient client = cluster.client();");
    } else if (kubeconfigFiles.isPresent() && context.isPresent()) {
      snippets.add("KubernetesClient client = dev.shipshape.cli.shell.ShellHelpers.client("
          + JavaLiteral.of(kubeconfigFiles.get()) + ", " + JavaLiteral.of(context.get()) + ");");
    }
    snippets.add("EmbeddedCluster embedded() { return dev.shipshape.cli.shell.ShellHelpers.embedded(); }");
    snippets.add("ClusterSpec load(Path script) { return dev.shipshape.cli.shell.ShellHelpers.load(script); }");
    snippets.add("ClusterSpec load(String script) { "
        + "return dev.shipshape.cli.shell.ShellHelpers.load(Path.of(script)); }");
    snippets.add("ApplyReport apply(ClusterSpec spec, KubernetesClient target) { "
        + "return dev.shipshape.cli.shell.ShellHelpers.apply(spec, target); }");
    List<String> scriptSnippets = new ArrayList<>();
    if (script.isPresent()) {
      try {
        scriptSnippets.addAll(ScriptSnippets.oneLineEach(Files.readString(script.get()), script.get().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + script.get(), e);
      }
    }
    return new ShellSession(snippets, scriptSnippets);
  }

  /** The startup snippets, in order; the script's, when there is one, run after them. */
  public List<String> startup() {
    return startup;
  }

  /** The script's statements and declarations, one per line, as the session runs them after the startup. */
  public List<String> script() {
    return script;
  }

  /**
   * Runs the JShell tool until the user leaves it.
   *
   * @return the tool's exit code
   */
  public int run(InputStream in, PrintStream out, PrintStream err, boolean interactive) throws Exception {
    Path startupFile = Files.createTempFile("shipshape-startup", ".jsh");
    try {
      List<String> lines = new ArrayList<>(startup);
      lines.addAll(script);
      Files.writeString(startupFile, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      // Snippets run in this JVM ("local"), not in a second JVM that the tool would start and attach to: that
      // halves the time to the prompt. The SDK imports include what the tool's DEFAULT startup imports.
      List<String> options = new ArrayList<>(List.of("--execution", "local", "--class-path", SdkClassPath.current(),
          "--startup", startupFile.toString()));
      options.addAll(List.of("--feedback", "normal"));
      // Snippets print through System.out and System.err of this JVM: point them at the session's streams.
      PrintStream systemOut = System.out;
      PrintStream systemErr = System.err;
      System.setOut(out);
      System.setErr(err);
      try {
        return JavaShellToolBuilder.builder()
            .in(in, null)
            .out(out)
            .err(err)
            .interactiveTerminal(interactive)
            .start(options.toArray(String[]::new));
      } finally {
        System.setOut(systemOut);
        System.setErr(systemErr);
      }
    } finally {
      try {
        Files.deleteIfExists(startupFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
