package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.cli.script.SdkImports;
import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Modules contribute commands and script imports through {@link CliPlugin} service files. */
class CliPluginsTest {
  @TempDir
  Path home;

  @Test
  void everyModuleContributesThroughItsServiceFile() {
    assertThat(Shipshape.plugins()).extracting(p -> p.getClass().getSimpleName()).containsExactly(
        "BackupCliPlugin", "HelmCliPlugin", "MeshCliPlugin", "MonitoringCliPlugin", "NetworkingCliPlugin",
        "ReadinessCliPlugin", "SecurityCliPlugin", "StorageCliPlugin", "TenancyCliPlugin");
  }

  @Test
  void scriptsImportThePackagesThePluginsName() {
    List<String> imports = SdkImports.statements(System.getProperty("java.class.path"));

    assertThat(imports).contains("import dev.shipshape.core.*;", "import dev.shipshape.tenancy.*;",
        "import dev.shipshape.networking.policy.*;", "import dev.shipshape.security.rbac.*;",
        "import dev.shipshape.helm.*;", "import dev.shipshape.readiness.*;",
        "import dev.shipshape.core.env.*;", "import io.fabric8.kubernetes.api.model.*;");
    assertThat(imports).noneMatch(i -> i.contains(".cli."));
  }

  @Test
  void aPluginCommandRunsWithTheSharedContext() {
    CommandLine commandLine = new CommandLine(new Shipshape(environment()));
    Shipshape.subcommands(environment(), List.of(new EchoPlugin("echo", List.of())))
        .addTo(commandLine, Subcommands.invoked("echo"));
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));

    int exitCode = commandLine.execute("echo", "HOME");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).isEqualTo(home + "\n");
  }

  @Test
  void aCommandNameTakenTwiceNamesBothOwners() {
    CommandLine commandLine = new CommandLine(new Shipshape(environment()));

    assertThatThrownBy(() -> Shipshape.subcommands(environment(), List.of(new EchoPlugin("plan", List.of())))
        .addTo(commandLine, Subcommands.invoked("render")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("command 'plan' of " + EchoPlugin.class.getName() + " is already defined by the shipshape "
            + "command — rename one of them");
  }

  @Test
  void aDeclaredNameTakenTwiceStopsEveryCommandWithoutCreatingEitherPlugin() {
    CountingPlugin first = new CountingPlugin("echo");
    CountingPlugin second = new CountingPlugin("echo");

    assertThatThrownBy(() -> Shipshape.subcommands(environment(), List.of(first, second))
        .addTo(new CommandLine(new Shipshape(environment())), Subcommands.invoked("plan", "x.jsh")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("command 'echo' of " + CountingPlugin.class.getName() + " is already defined by "
            + CountingPlugin.class.getName() + " — rename one of them");
    assertThat(first.created + second.created).isZero();
  }

  @Test
  void onlyTheInvokedCommandIsCreated() {
    CountingPlugin alpha = new CountingPlugin("alpha");
    CountingPlugin beta = new CountingPlugin("beta");
    Subcommands subcommands = Shipshape.subcommands(environment(), List.of(alpha, beta));

    CommandLine plan = new CommandLine(new Shipshape(environment()));
    subcommands.addTo(plan, Subcommands.invoked("plan", "spec.jsh"));
    assertThat(plan.getSubcommands().keySet()).containsExactly("plan");
    assertThat(alpha.created + beta.created).isZero();

    CommandLine beta1 = new CommandLine(new Shipshape(environment()));
    subcommands.addTo(beta1, Subcommands.invoked("beta", "--help"));
    assertThat(beta1.getSubcommands().keySet()).containsExactly("beta");
    assertThat(alpha.created).isZero();
    assertThat(beta.created).isEqualTo(1);
  }

  @Test
  void helpCompletionAndUnknownCommandsSeeEveryCommand() {
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "plan"},
        new String[] {"completion"}, new String[] {"plna"}, new String[] {"@args.txt"})) {
      CountingPlugin alpha = new CountingPlugin("alpha");
      CommandLine commandLine = new CommandLine(new Shipshape(environment()));
      Shipshape.subcommands(environment(), List.of(alpha)).addTo(commandLine, Subcommands.invoked(args));

      assertThat(commandLine.getSubcommands().keySet()).as(String.join(" ", args)).containsExactly("plan",
          "render", "diff", "apply", "shell", "envdiff", "alpha", "version", "help", "completion");
      assertThat(alpha.created).isEqualTo(1);
    }
  }

  @Test
  void aPluginWhoseCommandsAreNotThoseItDeclaresIsNamed() {
    EchoPlugin plugin = new EchoPlugin("echo", List.of("print"));

    assertThatThrownBy(() -> Shipshape.subcommands(environment(), List.of(plugin))
        .addTo(new CommandLine(new Shipshape(environment())), Subcommands.invoked("print")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(EchoPlugin.class.getName() + " declares the commands [print] but creates [echo] — make "
            + "commandNames() list the names of the commands that commands(context) returns, in the same order");
  }

  @Test
  void everyModuleDeclaresTheNamesOfItsCommands() {
    CommandContext context = new CommandContext(environment());
    for (CliPlugin plugin : Shipshape.plugins()) {
      List<String> created = plugin.commands(context).stream()
          .map(c -> c instanceof CommandLine ? (CommandLine) c : new CommandLine(c))
          .map(CommandLine::getCommandName).collect(Collectors.toList());

      assertThat(plugin.commandNames()).as(plugin.getClass().getName()).isEqualTo(created);
    }
  }

  private Environment environment() {
    return new Environment(Map.of("HOME", home.toString()), false, () -> {
      throw new AssertionError("no cluster needed");
    });
  }

  /** A plug-in with one command that prints an environment variable through the context. */
  static final class EchoPlugin implements CliPlugin {
    private final String name;
    private final List<String> declared;

    EchoPlugin(String name, List<String> declared) {
      this.name = name;
      this.declared = declared;
    }

    @Override
    public List<String> commandNames() {
      return declared;
    }

    @Override
    public List<Object> commands(CliContext context) {
      return List.of(new CommandLine(CommandLine.Model.CommandSpec.forAnnotatedObject(new Echo(context)).name(name)));
    }
  }

  /** A plug-in that declares one command and counts how often its commands are created. */
  static final class CountingPlugin implements CliPlugin {
    private final String name;
    int created;

    CountingPlugin(String name) {
      this.name = name;
    }

    @Override
    public List<String> commandNames() {
      return List.of(name);
    }

    @Override
    public List<Object> commands(CliContext context) {
      created++;
      return new EchoPlugin(name, List.of()).commands(context);
    }
  }

  @Command(name = "echo")
  static final class Echo implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0")
    String variable;

    Echo(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(context.variable(variable).orElse("unset"));
      return 0;
    }
  }
}
