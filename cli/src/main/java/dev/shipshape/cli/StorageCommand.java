package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipshape storage}: the storage commands; {@code drift} is the one there is. */
@Command(name = "storage",
    mixinStandardHelpOptions = true,
    description = "CSI storage of a cluster.",
    subcommands = {StorageDriftCommand.class})
final class StorageCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose drift");
  }
}
