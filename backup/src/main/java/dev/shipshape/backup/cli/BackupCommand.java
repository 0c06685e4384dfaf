package dev.shipshape.backup.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape backup}: the Velero backup commands: {@code check} and {@code drill}. */
@Command(name = "backup",
    mixinStandardHelpOptions = true,
    description = "Velero backups of a spec or a cluster.")
final class BackupCommand extends CommandGroup {
}
