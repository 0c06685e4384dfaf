/**
 * The plug-in SPI of the {@code shipshape} command: a module contributes commands and script imports by
 * implementing {@link dev.shipshape.cli.spi.CliPlugin} and naming the class in
 * {@code META-INF/services/dev.shipshape.cli.spi.CliPlugin}; the command line finds it with
 * {@link java.util.ServiceLoader}. The package also holds what commands share: the one table of
 * {@link dev.shipshape.cli.spi.ExitCode exit codes}, {@link dev.shipshape.cli.spi.CliException}, and the option
 * groups (picocli mixins) for spec arguments, the cluster of {@code --live} and finding reports.
 */
package dev.shipshape.cli.spi;
