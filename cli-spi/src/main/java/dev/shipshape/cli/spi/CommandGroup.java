package dev.shipshape.cli.spi;

import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code backup}, {@code helm}, …): run alone, it is a usage error. */
public abstract class CommandGroup implements Runnable {
  @Spec
  private CommandSpec spec;

  /** Names the subcommands to choose from. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no subcommand given: choose "
        + spec.subcommands().keySet().stream().collect(Collectors.joining(" or ")));
  }
}
