package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape storage}: the storage commands; {@code drift} is the one there is. */
@Command(name = "storage",
    mixinStandardHelpOptions = true,
    description = "CSI storage of a cluster.",
    subcommands = {StorageDriftCommand.class})
final class StorageCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
