package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command loads, seen through a {@link ClassLoadingProbe} as a fresh JVM would: a command creates only its
 * own picocli model, an offline command loads no Kubernetes client, and a cached script needs no compiler.
 */
class StartupClassLoadingTest {
  @TempDir
  Path cache;

  @Test
  void planOfAnOfflineSpecCreatesNoOtherCommandAndNoClient() throws Exception {
    ClassLoadingProbe probe = new ClassLoadingProbe();
    StringWriter out = new StringWriter();

    int exitCode = run(probe, out, "plan", ExamplesTest.example("minimal.jsh").toString());

    assertThat(exitCode).as(out.toString()).isZero();
    Set<String> loaded = probe.requested();
    assertThat(loaded).contains("dev.shipshape.cli.PlanCommand", "dev.shipshape.core.plan.Plan",
        "dev.shipshape.security.cli.SecurityCliPlugin", "dev.shipshape.networking.cli.NetworkingCliPlugin");
    assertThat(loaded).as("the plug-ins' command classes").filteredOn(
        name -> name.matches("dev\\.shipshape\\.\\w+\\.cli\\..*") && !name.startsWith("dev.shipshape.cli.")
            && !name.endsWith("CliPlugin")).isEmpty();
    assertThat(loaded).doesNotContain("dev.shipshape.cli.RenderCommand", "dev.shipshape.cli.ApplyCommand",
        "dev.shipshape.cli.DiffCommand", "dev.shipshape.cli.ShellCommand", "dev.shipshape.cli.EnvDiffCommand");
    assertThat(loaded).as("the Kubernetes client, its HTTP client and JShell").filteredOn(
        name -> name.startsWith("io.fabric8.kubernetes.client.impl.") || name.startsWith("io.vertx.")
            || name.startsWith("io.fabric8.kubernetes.client.vertx.") || name.startsWith("jdk.jshell.")).isEmpty();
  }

  @Test
  void aPluginCommandCreatesOnlyItsPluginsCommands() throws Exception {
    ClassLoadingProbe probe = new ClassLoadingProbe();
    StringWriter out = new StringWriter();

    int exitCode = run(probe, out, "reach", "--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("Usage: shipshape reach");
    assertThat(probe.requested()).contains("dev.shipshape.networking.cli.ReachCommand")
        .doesNotContain("dev.shipshape.security.cli.AuditCommand", "dev.shipshape.backup.cli.BackupCommand",
            "dev.shipshape.cli.PlanCommand");
  }

  @Test
  void aCachedScriptNeedsNoCompiler() throws Exception {
    Path script = ExamplesTest.example("minimal.jsh");
    ClassLoadingProbe first = new ClassLoadingProbe();
    ClassLoadingProbe second = new ClassLoadingProbe();

    Object firstSpec = evaluate(first, script);
    Object secondSpec = evaluate(second, script);

    assertThat(firstSpec).hasToString(secondSpec.toString());
    assertThat(first.requested()).contains("dev.shipshape.cli.script.ScriptCompiler", "javax.tools.ToolProvider");
    assertThat(second.requested()).doesNotContain("dev.shipshape.cli.script.ScriptCompiler",
        "javax.tools.ToolProvider");
  }

  @Test
  void theShellsImportsAreListedOnceForAClassPath() throws Exception {
    ClassLoadingProbe first = new ClassLoadingProbe();
    ClassLoadingProbe second = new ClassLoadingProbe();

    List<Object> listed = imports(first);
    List<Object> cached = imports(second);

    assertThat(cached).isEqualTo(listed).contains("import java.util.*;", "import dev.shipshape.core.*;",
        "import io.fabric8.kubernetes.api.model.*;");
    assertThat(first.requested()).contains("javax.tools.ToolProvider");
    assertThat(second.requested()).doesNotContain("javax.tools.ToolProvider");
  }

  /** Runs the command line defined by {@code probe} as {@code main} does, printing to {@code out}. */
  private static int run(ClassLoadingProbe probe, StringWriter out, String... args) throws Exception {
    Class<?> environment = probe.loadClass(Environment.class.getName());
    Method system = environment.getDeclaredMethod("system");
    system.setAccessible(true);
    Method commandLine = probe.loadClass(Shipshape.class.getName())
        .getDeclaredMethod("commandLine", environment, String[].class);
    commandLine.setAccessible(true);
    Object command = commandLine.invoke(null, system.invoke(null), args);
    command.getClass().getMethod("setOut", PrintWriter.class).invoke(command, new PrintWriter(out, true));
    command.getClass().getMethod("setErr", PrintWriter.class).invoke(command, new PrintWriter(out, true));
    return (int) command.getClass().getMethod("execute", String[].class).invoke(command, (Object) args);
  }

  private Object evaluate(ClassLoadingProbe probe, Path script) throws Exception {
    Object evaluator = evaluator(probe);
    return evaluator.getClass().getMethod("evaluate", Path.class).invoke(evaluator, script);
  }

  @SuppressWarnings("unchecked")
  private List<Object> imports(ClassLoadingProbe probe) throws Exception {
    Object evaluator = evaluator(probe);
    return (List<Object>) evaluator.getClass().getMethod("imports").invoke(evaluator);
  }

  private Object evaluator(ClassLoadingProbe probe) throws Exception {
    return probe.loadClass("dev.shipshape.cli.script.ScriptEvaluator").getMethod("create", Optional.class)
        .invoke(null, Optional.of(cache));
  }
}
