package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape mesh}: Istio mesh analysis and offline routing. */
@Command(name = "mesh",
    mixinStandardHelpOptions = true,
    description = "Istio service mesh: analyze configuration as istioctl analyze does, and trace where a request goes.",
    subcommands = {MeshAnalyzeCommand.class, MeshRouteCommand.class})
final class MeshCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: analyze or route");
  }
}
