package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipshape backup}: the Velero backup commands; {@code check} is the one there is. */
@Command(name = "backup",
    mixinStandardHelpOptions = true,
    description = "Velero backups of a spec or a cluster.",
    subcommands = {BackupCheckCommand.class})
final class BackupCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose check");
  }
}
