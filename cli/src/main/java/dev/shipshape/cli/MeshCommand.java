package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape mesh}: Istio mesh analysis and offline routing. */
@Command(name = "mesh",
    mixinStandardHelpOptions = true,
    description = "Istio service mesh: analyze configuration as istioctl analyze does, trace where a request goes, "
        + "and run canary releases and A/B tests step by step.",
    subcommands = {MeshAnalyzeCommand.class, MeshRouteCommand.class, MeshReleaseCommand.class})
final class MeshCommand extends CommandGroup {
  @ParentCommand
  Shipshape parent;
}
