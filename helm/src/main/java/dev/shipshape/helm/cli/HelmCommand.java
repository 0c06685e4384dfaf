package dev.shipshape.helm.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape helm}: Helm charts as parts of a spec; {@code render} is the one command there is. */
@Command(name = "helm",
    mixinStandardHelpOptions = true,
    description = "Helm charts as parts of a spec.")
final class HelmCommand extends CommandGroup {
}
