package dev.shipshape.storage.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;
import picocli.CommandLine;

/**
 * The storage module's part of the {@code shipshape} command: {@code storage drift}, and the imports of its
 * storage and drift packages.
 */
public final class StorageCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new CommandLine(new StorageCommand()).addSubcommand(new StorageDriftCommand(context)));
  }

  @Override
  public List<String> commandNames() {
    return List.of("storage");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.storage", "dev.shipshape.storage.drift");
  }
}
