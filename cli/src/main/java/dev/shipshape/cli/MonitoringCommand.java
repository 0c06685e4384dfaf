package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipshape monitoring}: the Prometheus side of a spec. */
@Command(name = "monitoring",
    mixinStandardHelpOptions = true,
    description = "Prometheus monitoring of a spec.",
    subcommands = {MonitoringRulesCommand.class})
final class MonitoringCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose rules");
  }
}
