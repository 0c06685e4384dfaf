package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape monitoring}: the Prometheus side of a spec. */
@Command(name = "monitoring",
    mixinStandardHelpOptions = true,
    description = "Prometheus monitoring of a spec.",
    subcommands = {MonitoringRulesCommand.class})
final class MonitoringCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
