package dev.shipshape.monitoring.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape monitoring}: the Prometheus side of a spec. */
@Command(name = "monitoring",
    mixinStandardHelpOptions = true,
    description = "Prometheus monitoring of a spec.")
final class MonitoringCommand extends CommandGroup {
}
