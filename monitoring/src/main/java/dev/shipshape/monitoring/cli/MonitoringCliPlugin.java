package dev.shipshape.monitoring.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;
import picocli.CommandLine;

/**
 * The monitoring module's part of the {@code shipshape} command: {@code monitoring rules}, and the import of its
 * package.
 */
public final class MonitoringCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new CommandLine(new MonitoringCommand()).addSubcommand(new MonitoringRulesCommand(context)));
  }

  @Override
  public List<String> commandNames() {
    return List.of("monitoring");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.monitoring");
  }
}
