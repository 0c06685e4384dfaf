package dev.shipshape.storage.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape storage}: the storage commands; {@code drift} is the one there is. */
@Command(name = "storage",
    mixinStandardHelpOptions = true,
    description = "CSI storage of a cluster.")
final class StorageCommand extends CommandGroup {
}
