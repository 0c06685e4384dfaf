package dev.shipshape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape version}: the version of the command line, as {@code shipshape --version} prints it. */
@Command(name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints the version of shipshape (the same line as --version).")
final class VersionCommand implements Runnable {
  @ParentCommand
  Shipshape parent;

  @Override
  public void run() {
    for (String line : new Shipshape.Version().getVersion()) parent.spec.commandLine().getOut().println(line);
    parent.spec.commandLine().getOut().flush();
  }
}
