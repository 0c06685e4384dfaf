package dev.shipshape.cli.spi;

import java.util.List;

/**
 * What a module adds to the {@code shipshape} command: top-level commands and the packages that spec scripts and
 * {@code shipshape shell} import. The command line loads every implementation named in a
 * {@code META-INF/services/dev.shipshape.cli.spi.CliPlugin} file on its class path with
 * {@link java.util.ServiceLoader}, so adding a module to the command line is its service file and a dependency of
 * the command line (or of a distribution that bundles it). Implementations need a public no-argument constructor
 * and must be cheap to create: every run of the command line creates them.
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
   * Packages that spec scripts and {@code shipshape shell} import with {@code import p.*;}, such as
   * {@code dev.shipshape.networking.policy}. Type names in them must not collide with the JDK's, fabric8's model
   * packages' or other modules' (a script would not compile). A package without classes on the script's class
   * path is left out. By default, none.
   */
  default List<String> scriptImports() {
    return List.of();
  }
}
