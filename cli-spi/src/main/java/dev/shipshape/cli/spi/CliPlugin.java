package dev.shipshape.cli.spi;

import java.util.List;

/**
 * What a module adds to the {@code shipshape} command: top-level commands and the packages that spec scripts and
 * {@code shipshape shell} import. The command line loads every implementation named in a
 * {@code META-INF/services/dev.shipshape.cli.spi.CliPlugin} file on its class path with
 * {@link java.util.ServiceLoader}, so adding a module to the command line is its service file and a dependency of
 * the command line (or of a distribution that bundles it). Implementations need a public no-argument constructor
 * and must be cheap to create: every run of the command line creates them, and calls {@link #commandNames()} and
 * {@link #scriptImports()}; {@link #commands(CliContext)} only when it is needed (see {@link #commandNames()}).
 */
public interface CliPlugin {

  /**
   * The module's top-level commands: picocli {@code @Command} objects (or {@code CommandLine}s), created for this
   * run with {@code context}, which gives them what the command line shares (spec loading, the cluster of
   * {@code --live}, the environment). A command name must not be taken by the command line or another plug-in;
   * the command line fails at start-up naming both when it is. By default, none.
   */
  default List<Object> commands(CliContext context) {
    return List.of();
  }

  /**
   * The names of the top-level commands that {@link #commands(CliContext)} returns, in the same order. With them,
   * the command line calls {@code commands(context)} only when one of these commands is invoked (or the top-level
   * help or completion), so that other commands do not pay for building this plug-in's command models; it still
   * checks the names against every other command's at each start, and fails naming the plug-in when the commands
   * it creates have other names. By default, none: the command line then creates this plug-in's commands on every
   * run to learn their names.
   */
  default List<String> commandNames() {
    return List.of();
  }

  /**
   * Packages that spec scripts and {@code shipshape shell} import with {@code import p.*;}, such as
   * {@code dev.shipshape.networking.policy}. Type names in them must not collide with the JDK's, fabric8's model
   * packages' or other modules' (a script would not compile). A package without classes on the script's class
   * path is left out. By default, none.
   */
  default List<String> scriptImports() {
    return List.of();
  }
}
