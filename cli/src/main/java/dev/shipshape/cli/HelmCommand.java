package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipshape helm}: Helm charts as parts of a spec; {@code render} is the one command there is. */
@Command(name = "helm",
    mixinStandardHelpOptions = true,
    description = "Helm charts as parts of a spec.",
    subcommands = {HelmRenderCommand.class})
final class HelmCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose render");
  }
}
