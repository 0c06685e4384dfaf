/**
 * The {@code shipshape} command and its JShell integration.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.cli {
  requires dev.shipshape.core;
  requires dev.shipshape.cli.spi;
  requires info.picocli;
  requires kubernetes.model.apps;
  requires java.compiler;
  requires java.logging;
  requires jdk.compiler;
  requires jdk.jshell;
  requires jdk.unsupported;

  exports dev.shipshape.cli;
  exports dev.shipshape.cli.cluster;
  exports dev.shipshape.cli.progress;
  exports dev.shipshape.cli.script;
  exports dev.shipshape.cli.shell;

  opens dev.shipshape.cli to info.picocli;
  opens dev.shipshape.cli.cluster to info.picocli;
  opens dev.shipshape.cli.progress to info.picocli;
  opens dev.shipshape.cli.script to info.picocli;
  opens dev.shipshape.cli.shell to info.picocli;

  uses dev.shipshape.cli.spi.CliPlugin;
}
