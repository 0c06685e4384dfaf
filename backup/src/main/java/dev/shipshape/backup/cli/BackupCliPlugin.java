package dev.shipshape.backup.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;
import picocli.CommandLine;

/**
 * The backup module's part of the {@code shipshape} command: {@code backup check} and {@code backup drill}, and
 * the imports of its Velero, preflight and drill packages.
 */
public final class BackupCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new CommandLine(new BackupCommand()).addSubcommand(new BackupCheckCommand(context))
        .addSubcommand(new BackupDrillCommand(context)));
  }

  @Override
  public List<String> commandNames() {
    return List.of("backup");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.backup", "dev.shipshape.backup.preflight", "dev.shipshape.backup.drill");
  }
}
