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
    Shipshape.addPluginCommands(commandLine, new CommandContext(environment()), List.of(new EchoPlugin("echo")));
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));

    int exitCode = commandLine.execute("echo", "HOME");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).isEqualTo(home + "\n");
  }

  @Test
  void aCommandNameTakenTwiceNamesBothOwners() {
    CommandLine commandLine = new CommandLine(new Shipshape(environment()));

    assertThatThrownBy(() -> Shipshape.addPluginCommands(commandLine, new CommandContext(environment()),
        List.of(new EchoPlugin("plan"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("command 'plan' of " + EchoPlugin.class.getName() + " is already defined by the shipshape "
            + "command — rename one of them");
  }

  private Environment environment() {
    return new Environment(Map.of("HOME", home.toString()), false, () -> {
      throw new AssertionError("no cluster needed");
    });
  }

  /** A plug-in with one command that prints an environment variable through the context. */
  static final class EchoPlugin implements CliPlugin {
    private final String name;

    EchoPlugin(String name) {
      this.name = name;
    }

    @Override
    public List<Object> commands(CliContext context) {
      return List.of(new CommandLine(CommandLine.Model.CommandSpec.forAnnotatedObject(new Echo(context)).name(name)));
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
