package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape backup}: the Velero backup commands; {@code check} is the one there is. */
@Command(name = "backup",
    mixinStandardHelpOptions = true,
    description = "Velero backups of a spec or a cluster.",
    subcommands = {BackupCheckCommand.class})
final class BackupCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
