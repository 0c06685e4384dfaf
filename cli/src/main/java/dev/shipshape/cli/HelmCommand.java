package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape helm}: Helm charts as parts of a spec; {@code render} is the one command there is. */
@Command(name = "helm",
    mixinStandardHelpOptions = true,
    description = "Helm charts as parts of a spec.",
    subcommands = {HelmRenderCommand.class})
final class HelmCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
