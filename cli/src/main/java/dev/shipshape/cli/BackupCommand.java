package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape backup}: the Velero backup commands: {@code check} and {@code drill}. */
@Command(name = "backup",
    mixinStandardHelpOptions = true,
    description = "Velero backups of a spec or a cluster.",
    subcommands = {BackupCheckCommand.class, BackupDrillCommand.class})
final class BackupCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
