package dev.shipshape.cli;

import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code backup}, {@code helm}, …): run alone, it is a usage error. */
abstract class CommandGroup implements Runnable {
  @Spec
  CommandSpec spec;

  /** Names the subcommands to choose from. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose "
        + spec.subcommands().keySet().stream().collect(Collectors.joining(" or ")));
  }
}
